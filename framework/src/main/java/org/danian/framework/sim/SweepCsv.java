package org.danian.framework.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a sweep's results as CSV files, one row per run (and per proc, or per idle-size
 * bucket, where the file says so). Every file but {@code perf.csv} holds only virtual-time
 * results, so a rerun with the same inputs and the same {@code calibration.csv} writes them
 * byte for byte again; {@code perf.csv} holds the wall-clock speed of each run.
 */
public final class SweepCsv {

    /** The deterministic files, in the order {@link #write} writes them. */
    public static final List<String> DETERMINISTIC = List.of("latency.csv", "cores.csv", "scheduler.csv",
            "pickcost.csv", "calibration.csv");

    private SweepCsv() {
    }

    /** Writes every file into {@code directory} (created if needed). */
    public static void write(Path directory, List<SweepPoint> points, PickCostTable calibration) throws IOException {
        Files.createDirectories(directory);
        StringBuilder latency = new StringBuilder(
                "policy,allocator,workload,cores,load,proc,arrived,recorded,mean_us,p50_us,p99_us,p999_us,max_us\n");
        StringBuilder cores = new StringBuilder(
                "policy,cores,load,proc,core_seconds,grants,locality_hits,locality_hit_rate,migrations\n");
        StringBuilder scheduler = new StringBuilder("policy,cores,load,virtual_s,scheduler_busy_s,"
                + "scheduler_utilisation,iterations,picks,mean_pick_ns,starts,migrations_sibling,migrations_remote,"
                + "steals,stolen,yields\n");
        StringBuilder pickCost = new StringBuilder("policy,cores,load,idle_from,idle_to,picks,mean_pick_ns\n");
        StringBuilder perf = new StringBuilder("policy,cores,load,events,wall_ms,events_per_s\n");
        for (SweepPoint point : points) {
            SimResult result = point.result();
            Scenario scenario = result.scenario();
            String key = scenario.threadPick() + "," + scenario.cores() + "," + number(point.load());
            for (SimResult.ProcResult proc : result.procs()) {
                latency.append(scenario.threadPick()).append(',').append(scenario.coreAllocation()).append(',')
                        .append(point.workload()).append(',').append(scenario.cores()).append(',')
                        .append(number(point.load())).append(',').append(proc.name()).append(',')
                        .append(proc.arrived()).append(',').append(proc.recorded()).append(',')
                        .append(micros(proc.meanNanos())).append(',').append(micros(proc.p50Nanos())).append(',')
                        .append(micros(proc.p99Nanos())).append(',').append(micros(proc.p999Nanos())).append(',')
                        .append(micros(proc.maxNanos())).append('\n');
                cores.append(key).append(',').append(proc.name()).append(',').append(number(proc.coreSeconds()))
                        .append(',').append(proc.grants()).append(',').append(proc.localityHits()).append(',')
                        .append(number(proc.grants() == 0 ? 0 : (double) proc.localityHits() / proc.grants()))
                        .append(',').append(proc.migrations()).append('\n');
            }
            scheduler.append(key).append(',').append(number(result.virtualNanos() / 1e9)).append(',')
                    .append(number(result.schedulerBusyNanos() / 1e9)).append(',')
                    .append(number(result.schedulerUtilisation())).append(',').append(result.iterations()).append(',')
                    .append(result.picks()).append(',').append(number(result.meanPickNanos())).append(',')
                    .append(result.starts()).append(',').append(result.migrationsSibling()).append(',')
                    .append(result.migrationsRemote()).append(',').append(result.steals()).append(',')
                    .append(result.stolen()).append(',').append(result.yields()).append('\n');
            for (int bucket = 0; bucket < result.picksBySize().length; bucket++) {
                long picks = result.picksBySize()[bucket];
                if (picks > 0) {
                    pickCost.append(key).append(',').append(1L << bucket).append(',').append((2L << bucket) - 1)
                            .append(',').append(picks).append(',')
                            .append(number(result.pickNanosBySize()[bucket] / picks)).append('\n');
                }
            }
            perf.append(key).append(',').append(result.events()).append(',')
                    .append(result.wallNanos() / 1_000_000).append(',')
                    .append(Math.round(result.eventsPerSecond())).append('\n');
        }
        writeFile(directory.resolve("latency.csv"), latency);
        writeFile(directory.resolve("cores.csv"), cores);
        writeFile(directory.resolve("scheduler.csv"), scheduler);
        writeFile(directory.resolve("pickcost.csv"), pickCost);
        writeFile(directory.resolve("calibration.csv"), new StringBuilder(calibration.toCsv()));
        writeFile(directory.resolve("perf.csv"), perf);
    }

    private static void writeFile(Path file, CharSequence text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static String micros(double nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1000);
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
