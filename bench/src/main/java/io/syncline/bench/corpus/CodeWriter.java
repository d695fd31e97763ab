package io.syncline.bench.corpus;

import java.util.List;
import java.util.Random;

/**
 * Source files in Java, Python and TypeScript: documented classes and functions whose bodies declare, test, loop,
 * call and return, with identifiers made of the vocabulary's words, the mix of a project's code.
 */
final class CodeWriter {

    private static final List<String> JAVA_TYPES = List.of("String", "int", "long", "boolean", "List<String>",
            "Map<String, Integer>", "Optional<String>", "Duration", "Instant", "byte[]");

    private final Vocabulary vocabulary = Vocabulary.words();
    private final Random random;

    CodeWriter(Random random) {
        this.random = random;
    }

    /** A source file of about {@code bytes} characters. */
    String file(String language, String unit, int bytes) {
        StringBuilder text = new StringBuilder(header(language, unit));
        do {
            text.append(member(language)).append('\n');
        } while (text.length() < bytes);
        return text.append(footer(language)).toString();
    }

    /** One documented method or function, indented for its language. */
    String member(String language) {
        String name = identifier();
        String doc = new ProseWriter(random).sentence(6 + random.nextInt(14));
        int statements = 2 + random.nextInt(12);
        return switch (language) {
            case "java" -> "    /**\n     * " + doc + "\n     */\n    public " + javaType() + " " + name + "("
                    + javaType() + " " + identifier() + ") {\n" + indent(snippet(language, statements), 8) + "    }\n";
            case "python" -> "def " + snake(name) + "(" + snake(identifier()) + ", " + snake(identifier()) + "):\n"
                    + "    \"\"\"" + doc + "\"\"\"\n" + indent(snippet(language, statements), 4);
            default -> "/** " + doc + " */\nexport function " + name + "(" + identifier() + ": string): "
                    + (random.nextBoolean() ? "number" : "string") + " {\n" + indent(snippet(language, statements), 2)
                    + "}\n";
        };
    }

    /** Statements of a body, unindented. */
    String snippet(String language, int lines) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            body.append(statement(language)).append('\n');
        }
        return body.toString();
    }

    String identifier() {
        StringBuilder name = new StringBuilder(vocabulary.word(random));
        int parts = random.nextInt(3);
        for (int p = 0; p < parts; p++) {
            name.append(ProseWriter.capitalized(vocabulary.noun(random)));
        }
        return name.toString();
    }

    private String statement(String language) {
        String variable = identifier();
        String receiver = identifier();
        String call = identifier() + "(" + identifier() + (random.nextBoolean() ? ", " + literal(language) : "") + ")";
        return switch (language) {
            case "java" -> switch (random.nextInt(6)) {
                case 0 -> "if (" + variable + " == null || " + variable + ".isEmpty()) {\n    return "
                        + literal(language) + ";\n}";
                case 1 -> "for (String " + identifier() + " : " + receiver + ") {\n    " + receiver + "." + call
                        + ";\n}";
                case 2 -> "// " + new ProseWriter(random).sentence(5 + random.nextInt(10));
                default -> "final " + javaType() + " " + variable + " = " + receiver + "." + call + ";";
            };
            case "python" -> switch (random.nextInt(6)) {
                case 0 -> "if not " + snake(variable) + ":\n    return " + literal(language);
                case 1 -> "for " + snake(identifier()) + " in " + snake(receiver) + ":\n    " + snake(receiver)
                        + "." + snake(call);
                case 2 -> "# " + new ProseWriter(random).sentence(5 + random.nextInt(10));
                default -> snake(variable) + " = " + snake(receiver) + "." + snake(call);
            };
            default -> switch (random.nextInt(6)) {
                case 0 -> "if (!" + variable + ") {\n  return " + literal(language) + ";\n}";
                case 1 -> "for (const " + identifier() + " of " + receiver + ") {\n  " + receiver + "." + call + ";\n}";
                case 2 -> "// " + new ProseWriter(random).sentence(5 + random.nextInt(10));
                default -> "const " + variable + " = " + receiver + "." + call + ";";
            };
        };
    }

    private String header(String language, String unit) {
        String doc = new ProseWriter(random).paragraph();
        return switch (language) {
            case "java" -> "package org.example." + vocabulary.noun(random) + ";\n\nimport java.time.Duration;\n"
                    + "import java.time.Instant;\nimport java.util.List;\nimport java.util.Map;\n"
                    + "import java.util.Optional;\n\n/**\n * " + doc + "\n */\npublic final class " + unit + " {\n\n"
                    + "    private final " + javaType() + " " + identifier() + ";\n\n";
            case "python" -> "\"\"\"" + doc + "\"\"\"\n\nimport logging\nimport os\n\nLOG = logging.getLogger("
                    + "__name__)\n\n\n";
            default -> "// " + doc + "\nimport { " + identifier() + " } from './" + vocabulary.noun(random) + "';\n\n";
        };
    }

    private static String footer(String language) {
        return language.equals("java") ? "}\n" : "";
    }

    private String literal(String language) {
        return switch (random.nextInt(3)) {
            case 0 -> String.valueOf(random.nextInt(1000));
            case 1 -> "\"" + vocabulary.word(random) + "\"";
            default -> language.equals("python") ? "None" : "null";
        };
    }

    private String javaType() {
        return random.nextInt(4) == 0 ? ProseWriter.capitalized(vocabulary.noun(random))
                : JAVA_TYPES.get(random.nextInt(JAVA_TYPES.size()));
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String indent(String text, int spaces) {
        String pad = " ".repeat(spaces);
        return pad + text.replace("\n", "\n" + pad).stripTrailing() + "\n";
    }
}
