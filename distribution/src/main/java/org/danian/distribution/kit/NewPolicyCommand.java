package org.danian.distribution.kit;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bin/danian new-policy NAME [--package P] [--group-id G] [--dir D]}: writes a ready
 * Maven project of a thread-pick policy, buildable outside the Danian tree: a working
 * {@code @Component} policy (a stack of idle kthreads, to be replaced), its contract test
 * (the framework test-jar's {@code ThreadPickerContract}), {@code bnd.bnd}, a README skeleton,
 * and a pom that depends on the SPI alone, pins the plugins Maven 3.8 would otherwise pick too
 * old (surefire among them: without it the tests silently do not run) and builds the jar with
 * bnd (a plain jar is not a bundle, and {@code load/} ignores it). The versions are those of
 * this distribution ({@code kit.properties}).
 *
 * <p>Exit status: 0 written, 2 bad arguments or a folder that is not empty (nothing written),
 * 1 the files could not be written.
 */
public final class NewPolicyCommand {

    static final int EXIT_BAD_ARGUMENTS = 2;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern JAVA_NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");
    private static final String USAGE = "usage: danian new-policy NAME [--package P] [--group-id G] [--dir D]";

    private NewPolicyCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs the command line; returns the exit status. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("danian: new-policy: " + e.getMessage());
            err.println(USAGE);
            return EXIT_BAD_ARGUMENTS;
        }
        Path dir = Path.of(options.get("--dir"));
        try {
            if (Files.isDirectory(dir) && !isEmpty(dir)) {
                err.println("danian: new-policy: " + dir + " is not empty; nothing written");
                return EXIT_BAD_ARGUMENTS;
            }
            List<Path> written = write(dir, options);
            written.forEach(file -> out.println("wrote " + file));
            out.println("next: cd " + dir + " && mvn -B verify   (see README.md)");
            return 0;
        } catch (IOException | UncheckedIOException e) {
            err.println("danian: new-policy: cannot write " + dir + ": " + e.getMessage());
            return 1;
        }
    }

    /** The options, defaults filled in, and the template's placeholders. */
    static Map<String, String> parse(List<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        String name = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (List.of("--package", "--group-id", "--dir").contains(arg)) {
                if (i + 1 == args.size()) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                options.put(arg, args.get(++i));
            } else if (arg.startsWith("-") || name != null) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            } else {
                name = arg;
            }
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("the policy name must be lower-case letters, digits and '-', starting"
                    + " with a letter or digit: '" + name + "'");
        }
        String javaWord = name.replace("-", "");
        options.putIfAbsent("--group-id", "org.example.danian");
        options.putIfAbsent("--package", options.get("--group-id") + "." + (Character.isDigit(javaWord.charAt(0))
                ? "p" + javaWord : javaWord));
        options.putIfAbsent("--dir", name);
        for (String key : List.of("--package", "--group-id")) {
            if (!JAVA_NAME.matcher(options.get(key)).matches()) {
                throw new IllegalArgumentException(key + " must be a lower-case dotted Java name: '"
                        + options.get(key) + "'");
            }
        }
        options.put("name", name);
        return options;
    }

    private static List<Path> write(Path dir, Map<String, String> options) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        Properties versions = new Properties();
        try (InputStream in = resource("kit.properties")) {
            versions.load(in);
        }
        versions.stringPropertyNames().forEach(key -> values.put(key, versions.getProperty(key)));
        String name = options.get("name");
        String className = className(name);
        values.put("name", name);
        values.put("artifactId", "policy-" + name);
        values.put("groupId", options.get("--group-id"));
        values.put("version", "0.1.0-SNAPSHOT");
        values.put("package", options.get("--package"));
        values.put("className", className);
        Path sources = Path.of("src", "main", "java", options.get("--package").replace('.', '/'));
        Path tests = Path.of("src", "test", "java", options.get("--package").replace('.', '/'));
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("pom.xml.template", Path.of("pom.xml"));
        files.put("bnd.bnd.template", Path.of("bnd.bnd"));
        files.put("README.md.template", Path.of("README.md"));
        files.put("Policy.java.template", sources.resolve(className + ".java"));
        files.put("ContractTest.java.template", tests.resolve(className + "ContractTest.java"));
        List<Path> written = new java.util.ArrayList<>();
        for (Map.Entry<String, Path> file : files.entrySet()) {
            Path target = dir.resolve(file.getValue());
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.writeString(target, fill(template(file.getKey()), values), StandardCharsets.UTF_8);
            written.add(target);
        }
        return written;
    }

    /** "my-policy" → "MyPolicyPickPolicy". */
    static String className(String name) {
        StringBuilder camel = new StringBuilder(Character.isDigit(name.charAt(0)) ? "P" : "");
        for (String word : name.split("-")) {
            if (!word.isEmpty()) {
                camel.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
            }
        }
        return camel + "PickPolicy";
    }

    /** Replaces each {@code @key@}; a placeholder without a value is a bug of the kit. */
    static String fill(String template, Map<String, String> values) {
        String text = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("@" + value.getKey() + "@", value.getValue());
        }
        java.util.regex.Matcher left = Pattern.compile("@[a-zA-Z.]+@").matcher(text);
        if (left.find()) {
            throw new IllegalStateException("the policy kit's template has no value for " + left.group());
        }
        return text;
    }

    private static String template(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = NewPolicyCommand.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("the policy kit's " + name + " is missing from the launcher jar");
        }
        return in;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
