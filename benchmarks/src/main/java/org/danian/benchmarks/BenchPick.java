package org.danian.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.danian.spi.pick.ThreadPickPolicy;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code bin/danian bench-pick POLICY.jar [JMH options]}: the pick cost of the policy bundles
 * on the class path beside the shipped policies, with {@link PickBenchmark} over its whole grid
 * (hit and miss, 1 to 1024 idle kthreads), then one table per scenario: ns per pick and park
 * back, ± JMH's 99.9% error. JMH options given after the jar (e.g. {@code -f 1 -wi 3 -i 5 -w 1s
 * -r 1s}) override the defaults; the forks inherit the class path, so they see the bundle too.
 *
 * <p>Exit status: 0 measured, 2 no policy bundle on the class path or bad JMH options, 1 the
 * benchmark failed.
 */
public final class BenchPick {

    /** The shipped policies the bundles are compared with. */
    static final List<String> SHIPPED = List.of("caladan", "danian", "danian-exact", "lottery");

    private BenchPick() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        List<String> theirs = ClassPathPolicies.all().stream().map(ThreadPickPolicy::name).distinct().toList();
        if (theirs.isEmpty()) {
            System.err.println("danian: bench-pick: no thread-pick component in a bundle on the class path");
            return 2;
        }
        List<String> policies = new ArrayList<>(SHIPPED);
        theirs.stream().filter(name -> !policies.contains(name)).forEach(policies::add);
        Options options;
        try {
            options = new OptionsBuilder().parent(new CommandLineOptions(args))
                    .include(PickBenchmark.class.getSimpleName() + "\\.")
                    .param("policy", policies.toArray(String[]::new)).build();
        } catch (CommandLineOptionException e) {
            System.err.println("danian: bench-pick: " + e.getMessage());
            return 2;
        }
        try {
            System.out.print(tables(new Runner(options).run()));
            return 0;
        } catch (RunnerException e) {
            System.err.println("danian: bench-pick: " + e.getMessage());
            return 1;
        }
    }

    /** One Markdown table per scenario: a row per policy, a column per idle count. */
    static String tables(Collection<RunResult> results) {
        Map<String, Map<String, Map<Integer, String>>> byScenario = new TreeMap<>();
        for (RunResult result : results) {
            Map<String, String> params = new TreeMap<>();
            for (String key : result.getParams().getParamsKeys()) {
                params.put(key, result.getParams().getParam(key));
            }
            String cell = String.format(Locale.ROOT, "%.1f ± %.1f", result.getPrimaryResult().getScore(),
                    result.getPrimaryResult().getScoreError());
            byScenario.computeIfAbsent(params.get("scenario"), s -> new TreeMap<>())
                    .computeIfAbsent(params.get("policy"), p -> new TreeMap<>())
                    .put(Integer.parseInt(params.get("idle")), cell);
        }
        return format(byScenario);
    }

    static String format(Map<String, Map<String, Map<Integer, String>>> byScenario) {
        StringBuilder out = new StringBuilder();
        byScenario.forEach((scenario, byPolicy) -> {
            List<Integer> idles = byPolicy.values().stream().flatMap(m -> m.keySet().stream()).distinct().sorted()
                    .toList();
            out.append('\n').append(scenario).append(" (ns per pick and park back, ± 99.9% error)\n\n| policy |");
            idles.forEach(idle -> out.append(" idle=").append(idle).append(" |"));
            out.append("\n|---|");
            idles.forEach(idle -> out.append("---:|"));
            out.append('\n');
            byPolicy.forEach((policy, cells) -> {
                out.append("| ").append(policy).append(" |");
                idles.forEach(idle -> out.append(' ').append(cells.getOrDefault(idle, "n/a")).append(" |"));
                out.append('\n');
            });
        });
        return out.toString();
    }
}
