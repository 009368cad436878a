// What a portscope command costs once the JVM is warm: runs it RUNS times in one JVM (output
// discarded) and prints the first run and the median of the last half. The difference from a whole
// process (bench/compare.py) is start-up: the JVM, the one-off downcall stub, the interpreter and C1.
// Usage: java --enable-native-access=ALL-UNNAMED -cp cli/target/portscope.jar bench/InProcess.java RUNS ARGS...
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Arrays;

void main(String[] args) {
    int runs = Integer.parseInt(args[0]);
    String[] command = Arrays.copyOfRange(args, 1, args.length);
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        int code = dev.portscope.cli.Main.run(discard, discard, command);
        ms[i] = (System.nanoTime() - start) / 1e6;
        if (code != 0) {
            throw new IllegalStateException("portscope " + String.join(" ", command) + " exited " + code);
        }
    }
    double[] warm = Arrays.copyOfRange(ms, runs / 2, runs);
    Arrays.sort(warm);
    System.out.printf("portscope %s in one JVM: first run %.1f ms, warm (median of the last %d) %.1f ms%n",
            String.join(" ", command), ms[0], warm.length, warm[warm.length / 2]);
}
