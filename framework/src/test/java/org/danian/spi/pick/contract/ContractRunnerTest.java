package org.danian.spi.pick.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import org.danian.framework.engine.FaultyTestPolicy;
import org.danian.framework.engine.LruTestPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract suite run as a command, its JSON lines and exit status (its jar loading: PolicyKitIT). */
class ContractRunnerTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private List<JsonObject> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().map(line -> new Gson().fromJson(line, JsonObject.class))
                .toList();
    }

    @Test
    void aGoodPolicyPassesEveryCheck() {
        int status = ContractRunner.check(() -> new LruTestPolicy("lru"), new PrintStream(out, true, StandardCharsets.UTF_8));
        List<JsonObject> lines = lines();
        JsonObject summary = lines.get(lines.size() - 1);
        assertEquals(0, status, out.toString(StandardCharsets.UTF_8));
        assertEquals("lru", summary.get("policy").getAsString());
        assertTrue(summary.get("checks").getAsInt() >= 23, summary.toString());
        assertEquals(0, summary.get("failed").getAsInt());
        assertEquals(summary.get("checks").getAsInt(), lines.size() - 1, "one line per check");
        assertTrue(lines.get(0).get("result").getAsString().equals("SUCCESSFUL"), lines.get(0).toString());
    }

    @Test
    void aPolicyThatBreaksTheContractFailsWithTheReasons() {
        int status = ContractRunner.check(() -> new FaultyTestPolicy("bad", FaultyTestPolicy.Fault.WRONG_IDLE_COUNT),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(ContractRunner.EXIT_FAILED, status);
        List<JsonObject> failed = lines().stream().filter(line -> line.has("result")
                && line.get("result").getAsString().equals("FAILED")).toList();
        assertTrue(!failed.isEmpty() && !failed.get(0).get("reason").isJsonNull(), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aJarWithoutAPolicyIsABadArgument(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path notAJar = Files.writeString(dir.resolve("x.jar"), "no");
        assertEquals(ContractRunner.EXIT_BAD_ARGUMENTS, ContractRunner.run(List.of(dir.resolve("missing.jar").toString()),
                new PrintStream(out), new PrintStream(err)));
        assertEquals(ContractRunner.EXIT_BAD_ARGUMENTS, ContractRunner.run(List.of(notAJar.toString()),
                new PrintStream(out), new PrintStream(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("danian: contract: "), err.toString());
    }
}
