package dev.portscope.cli.build;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes, for each command marked {@code @FastPath.Flags}, a class {@code <Command>Flags} that sets
 * its options by name without picocli and without reflection: every boolean {@code @Option} of the
 * command, its superclasses and its {@code @Mixin}s, and every enum-valued one (without a converter
 * of its own) by its values in lower case. The
 * fast path thus reads the very declarations picocli reads, at compile time (a cold run cannot
 * afford picocli's model, ~90 ms, nor reflection over annotations, ~25 ms: BENCHMARKS.md).
 */
@SupportedAnnotationTypes("dev.portscope.cli.FastPath.Flags")
public final class FlagTableProcessor extends AbstractProcessor {
    private static final String OPTION = "picocli.CommandLine.Option";
    private static final String MIXIN = "picocli.CommandLine.Mixin";

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    /**
     * One assignment the generated code makes when it meets one of {@code names}: a boolean option,
     * an enum-valued one (its constants), or a repeatable {@code List<String>} one.
     */
    private record Flag(List<String> names, String target, List<String> enumValues, String enumType, boolean list) {
        boolean isBoolean() {
            return enumValues.isEmpty() && !list;
        }
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            for (Element command : round.getElementsAnnotatedWith(annotation)) {
                List<Flag> flags = new ArrayList<>();
                collect((TypeElement) command, "c.", flags);
                write((TypeElement) command, flags);
            }
        }
        return true;
    }

    private void collect(TypeElement type, String path, List<Flag> flags) {
        if (type.getSuperclass().getKind() == TypeKind.DECLARED) {
            collect((TypeElement) ((DeclaredType) type.getSuperclass()).asElement(), path, flags);
        }
        for (Element member : type.getEnclosedElements()) {
            if (member.getKind() != ElementKind.FIELD) {
                continue;
            }
            VariableElement field = (VariableElement) member;
            for (AnnotationMirror a : field.getAnnotationMirrors()) {
                String name = ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().toString();
                TypeMirror t = field.asType();
                if (name.equals(MIXIN)) {
                    collect((TypeElement) ((DeclaredType) t).asElement(), path + field.getSimpleName() + ".", flags);
                } else if (name.equals(OPTION) && t.getKind() == TypeKind.BOOLEAN) {
                    flags.add(new Flag(names(a), path + field.getSimpleName(), List.of(), "", false));
                } else if (name.equals(OPTION) && t.getKind() == TypeKind.DECLARED && !hasConverter(a)
                        && ((DeclaredType) t).asElement().getKind() == ElementKind.ENUM) {
                    TypeElement e = (TypeElement) ((DeclaredType) t).asElement();
                    List<String> values = e.getEnclosedElements().stream().filter(x -> x.getKind() == ElementKind.ENUM_CONSTANT)
                            .map(x -> x.getSimpleName().toString()).toList();
                    flags.add(new Flag(names(a), path + field.getSimpleName(), values, e.getQualifiedName().toString(), false));
                } else if (name.equals(OPTION) && !hasConverter(a) && !has(a, "split") && isStringList(t)) {
                    flags.add(new Flag(names(a), path + field.getSimpleName(), List.of(), "", true));
                }
            }
        }
    }

    /** {@code List<String>}: a repeatable option whose values are taken as written ({@code -N NAME}). */
    private static boolean isStringList(TypeMirror t) {
        if (t.getKind() != TypeKind.DECLARED) {
            return false;
        }
        DeclaredType d = (DeclaredType) t;
        return ((TypeElement) d.asElement()).getQualifiedName().contentEquals("java.util.List") && d.getTypeArguments().size() == 1
                && d.getTypeArguments().getFirst().toString().equals("java.lang.String");
    }

    /** An option with its own converter takes values the enum's constant names do not spell: picocli's to parse. */
    private static boolean hasConverter(AnnotationMirror option) {
        return has(option, "converter");
    }

    /** Whether the {@code @Option} sets this attribute ({@code split}: values picocli splits, left to it). */
    private static boolean has(AnnotationMirror option, String attribute) {
        return option.getElementValues().keySet().stream().anyMatch(k -> k.getSimpleName().contentEquals(attribute));
    }

    private static List<String> names(AnnotationMirror option) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : option.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals("names")) {
                @SuppressWarnings("unchecked")
                List<? extends AnnotationValue> values = (List<? extends AnnotationValue>) e.getValue().getValue();
                return values.stream().map(v -> (String) v.getValue()).toList();
            }
        }
        return List.of();
    }

    private void write(TypeElement command, List<Flag> flags) {
        String pkg = processingEnv.getElementUtils().getPackageOf(command).getQualifiedName().toString();
        String simple = command.getSimpleName() + "Flags";
        try (PrintWriter out = new PrintWriter(processingEnv.getFiler().createSourceFile(pkg + "." + simple, command).openWriter())) {
            out.println("package " + pkg + ";");
            out.println();
            out.println("/** Generated by " + getClass().getSimpleName() + " from the {@code @Option}s of {@link "
                    + command.getSimpleName() + "} and its mixins: do not edit. */");
            out.println("final class " + simple + " {");
            out.println("    private " + simple + "() {");
            out.println("    }");
            out.println();
            out.println("    /** Sets the boolean option with this name (-t, --tcp ...); false when the command has none of that name. */");
            out.println("    static boolean flag(" + command.getSimpleName() + " c, String name) {");
            out.println("        switch (name) {");
            for (Flag f : flags) {
                if (f.isBoolean()) {
                    out.println("            case " + quoted(f.names()) + " -> " + f.target() + " = true;");
                }
            }
            endSwitch(out, "        ");
            out.println("        return true;");
            out.println("    }");
            out.println();
            out.println("    /** Sets the enum-valued option with this name to the value written in lower case, or adds the value of a");
            out.println("     * repeatable one; false for any other name or value. */");
            out.println("    static boolean value(" + command.getSimpleName() + " c, String name, String value) {");
            out.println("        switch (name) {");
            for (Flag f : flags) {
                if (f.list()) {
                    out.println("            case " + quoted(f.names()) + " -> " + f.target() + ".add(value);");
                }
                if (!f.enumValues().isEmpty()) {
                    out.println("            case " + quoted(f.names()) + " -> {");
                    out.println("                switch (value) {");
                    for (String v : f.enumValues()) {
                        out.println("                    case \"" + v.toLowerCase(Locale.ROOT) + "\" -> " + f.target() + " = " + f.enumType() + "." + v + ";");
                    }
                    endSwitch(out, "                ");
                    out.println("            }");
                }
            }
            endSwitch(out, "        ");
            out.println("        return true;");
            out.println("    }");
            out.println();
            out.println("    /** Whether an option of this name takes a value (an enum's, or a repeatable one's). */");
            out.println("    static boolean takesValue(String name) {");
            List<String> valued = flags.stream().filter(f -> !f.isBoolean()).flatMap(f -> f.names().stream()).toList();
            out.println("        return " + (valued.isEmpty() ? "false" : "switch (name) {\n            case " + quoted(valued)
                    + " -> true;\n            default -> false;\n        }") + ";");
            out.println("    }");
            out.println("}");
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write " + simple + ": " + e.getMessage(), command);
        }
    }

    /** {@code default -> { return false; }} and the switch's closing brace, at this indentation. */
    private static void endSwitch(PrintWriter out, String indent) {
        out.println(indent + "    default -> {");
        out.println(indent + "        return false;");
        out.println(indent + "    }");
        out.println(indent + "}");
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList());
    }
}
