package dev.portscope.linux.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The one platform thread that enters other network namespaces to open sockets there. setns(2)
 * moves only the calling thread, so no thread that runs anything else may call it; this one enters
 * a namespace, opens the socket, and goes back home before it takes the next request. It is kept
 * for the process's life (a daemon): a fresh thread per namespace cost ~0.3 ms each. A thread that
 * could not go home ends, and the next request starts a fresh one.
 */
final class NamespaceThread {
    private record Request(String netns, int protocol, CompletableFuture<Integer> fd) {
    }

    private static final Object LOCK = new Object();
    private static LinkedBlockingQueue<Request> queue; // the live thread's; null when there is none

    private NamespaceThread() {
    }

    /**
     * A new socket of this netlink protocol inside the namespace behind {@code netns} (an nsfs file).
     *
     * @throws NativeException when the namespace cannot be entered or the socket not made there
     */
    static int socketIn(String netns, int protocol) {
        Request request = new Request(netns, protocol, new CompletableFuture<>());
        synchronized (LOCK) {
            if (queue == null) {
                LinkedBlockingQueue<Request> fresh = new LinkedBlockingQueue<>();
                Thread.ofPlatform().name("portscope-setns").daemon().start(() -> serve(fresh));
                queue = fresh;
            }
            queue.add(request);
        }
        try {
            return request.fd().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.fd().thenAccept(NamespaceThread::closeQuietly); // made after all: not leaked
            throw new IllegalStateException("interrupted while opening a socket in " + netns, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The thread's loop: one request after another, from its home namespace, until it cannot return there. */
    private static void serve(LinkedBlockingQueue<Request> requests) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = NativeCalls.callState(arena);
            int home;
            try {
                home = NativeCalls.open(state, arena.allocateFrom("/proc/thread-self/ns/net"), NativeCalls.O_RDONLY | NativeCalls.O_CLOEXEC);
            } catch (RuntimeException e) {
                retire(requests, e);
                return;
            }
            while (true) {
                Request request = requests.take();
                try (Arena scratch = Arena.ofConfined()) {
                    request.fd().complete(open(state, scratch.allocateFrom(request.netns()), request.protocol(), home));
                } catch (Away e) { // this thread is elsewhere now and must not serve again
                    request.fd().completeExceptionally(e.getCause());
                    retire(requests, (RuntimeException) e.getCause());
                    closeQuietly(home);
                    return;
                } catch (RuntimeException e) {
                    request.fd().completeExceptionally(e);
                } catch (Error e) { // nothing asked of this thread may wait forever
                    request.fd().completeExceptionally(e);
                    retire(requests, new IllegalStateException("the thread entering network namespaces failed", e));
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            retire(requests, new IllegalStateException("the thread entering network namespaces was interrupted", e));
            Thread.currentThread().interrupt();
        }
    }

    /** Thrown when the way back home failed: the thread is still in another namespace. */
    private static final class Away extends RuntimeException {
        Away(RuntimeException cause) {
            super(cause);
        }
    }

    /** Enters the namespace at {@code path}, opens the socket, comes back to {@code home}. */
    private static int open(MemorySegment state, MemorySegment path, int protocol, int home) {
        int target = NativeCalls.open(state, path, NativeCalls.O_RDONLY | NativeCalls.O_CLOEXEC);
        int fd = -1;
        try {
            NativeCalls.setns(state, target, NativeCalls.CLONE_NEWNET);
            try {
                fd = NativeCalls.socket(state, NativeCalls.AF_NETLINK, NativeCalls.SOCK_RAW | NativeCalls.SOCK_CLOEXEC, protocol);
            } finally {
                try {
                    NativeCalls.setns(state, home, NativeCalls.CLONE_NEWNET);
                } catch (RuntimeException e) {
                    if (fd >= 0) {
                        closeQuietly(fd);
                    }
                    throw new Away(e);
                }
            }
            return fd;
        } finally {
            NativeCalls.close(state, target);
        }
    }

    /** Ends this thread's service: later requests go to a fresh thread, those already queued fail with {@code why}. */
    private static void retire(LinkedBlockingQueue<Request> requests, RuntimeException why) {
        synchronized (LOCK) {
            if (queue == requests) {
                queue = null;
            }
        }
        for (Request left = requests.poll(); left != null; left = requests.poll()) {
            left.fd().completeExceptionally(why);
        }
    }

    private static void closeQuietly(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            NativeCalls.close(NativeCalls.callState(arena), fd);
        } catch (RuntimeException e) {
            // nothing more to do with it
        }
    }
}
