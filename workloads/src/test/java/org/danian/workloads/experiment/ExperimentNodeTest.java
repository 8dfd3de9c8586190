package org.danian.workloads.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a node is named and how a command reaches it. The remote line is run here by a local
 * shell, exactly as ssh would hand it to the node's shell, so the quoting and the wrapper's
 * promise (the command ends when its input does; a command that ends first ends it with its
 * status) are checked without a network.
 */
class ExperimentNodeTest {

    @TempDir
    Path folder;

    private final SshSettings ssh = new SshSettings(Path.of("/etc/danian/ssh_config"), Path.of("/keys/id"),
            List.of("ConnectTimeout=5"));

    @Test
    void destinationsParse() {
        ExperimentNode full = ExperimentNode.parse("root@198.18.7.1:2222", ssh);
        assertEquals("root", full.user());
        assertEquals("198.18.7.1", full.host());
        assertEquals(2222, full.port());
        ExperimentNode bare = ExperimentNode.parse("node2", ssh);
        assertEquals(null, bare.user());
        assertEquals(0, bare.port());
        assertEquals("fd00::2", ExperimentNode.parse("[fd00::2]:22", ssh).host());
        assertEquals("[fd00::2]:22", ExperimentNode.parse("[fd00::2]:22", ssh).label());
        for (String bad : List.of("", "-oProxyCommand=touch", "root@", "node:", "a b", "node;reboot", "root@node:0")) {
            IllegalArgumentException failed = assertThrows(IllegalArgumentException.class,
                    () -> ExperimentNode.parse(bad, ssh), bad);
            assertTrue(failed.getMessage().contains("'" + bad + "'"), failed.getMessage());
        }
    }

    @Test
    void aLocalCommandIsUnchanged() {
        assertEquals(List.of("java", "-version"), ExperimentNode.LOCAL.command(List.of("java", "-version")));
    }

    @Test
    void aRemoteCommandIsOneSshCallInBatchModeWithTheUsersSettings() {
        List<String> command = ExperimentNode.parse("root@node1:2222", ssh).command(List.of("/opt/danian/bin/danian",
                "serve"));
        assertEquals(List.of("ssh", "-o", "BatchMode=yes", "-F", "/etc/danian/ssh_config", "-i", "/keys/id", "-o",
                "ConnectTimeout=5", "-p", "2222", "root@node1"), command.subList(0, command.size() - 1));
        String remote = command.get(command.size() - 1);
        assertTrue(remote.startsWith("exec bash -c '"), remote);
        assertTrue(remote.endsWith(" danian-node '/opt/danian/bin/danian' 'serve'"), remote);
    }

    @Test
    void wordsSurviveTheRemoteShellUnchanged() throws Exception {
        List<String> words = List.of("it's", "$HOME", "a b", "lib/*", "\"quoted\"", "`date`");
        Result result = runRemoteLine(List.of("printf", "%s\\n", words.get(0), words.get(1), words.get(2),
                words.get(3), words.get(4), words.get(5)), false);
        assertEquals(0, result.status);
        assertEquals(words, result.lines.subList(1, result.lines.size()), result.lines.toString());
    }

    @Test
    void theWrapperPrintsThePidAndEndsWithTheCommandsStatus() throws Exception {
        Result result = runRemoteLine(List.of("sh", "-c", "echo done; exit 3"), false);
        assertEquals(3, result.status, result.lines.toString());
        assertTrue(ExperimentNode.PID_LINE.matcher(result.lines.get(0)).matches(), result.lines.toString());
        assertEquals("done", result.lines.get(1));
    }

    @Test
    void closingTheInputPassesItOnThenStopsACommandThatIgnoresItsEnd() throws Exception {
        // Like bin/danian serve: reads commands, outlives the end of its input, stops on SIGTERM.
        String serveLike = "trap 'echo stopped-by-term; exit 0' TERM; while read line; do echo \"got $line\"; done;"
                + " echo input-ended; while true; do sleep 0.1; done";
        Result result = runRemoteLine(List.of("sh", "-c", serveLike), true);
        assertEquals(0, result.status, result.lines.toString());
        // SIGTERM follows the end of input at once, so whether the command saw that end first is a race.
        assertEquals(List.of("got first", "got second", "stopped-by-term"), result.lines.subList(1,
                result.lines.size()).stream().filter(line -> !line.equals("input-ended")).toList());
    }

    private record Result(int status, List<String> lines) {
    }

    /**
     * Runs the line ssh would send for {@code command} with a local {@code sh -c}; writes two
     * lines to its input and closes it if {@code feed}, else leaves the input open.
     */
    private Result runRemoteLine(List<String> command, boolean feed) throws IOException, InterruptedException {
        List<String> viaSsh = ExperimentNode.parse("node1", SshSettings.DEFAULTS).command(command);
        Path output = folder.resolve("output.txt");
        Process shell = new ProcessBuilder("sh", "-c", viaSsh.get(viaSsh.size() - 1)).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        OutputStream input = shell.getOutputStream();
        if (feed) {
            input.write("first\nsecond\n".getBytes(StandardCharsets.UTF_8));
            input.flush();
            Thread.sleep(300);
            input.close();
        }
        assertTrue(shell.waitFor(20, TimeUnit.SECONDS), "the wrapper did not end");
        input.close();
        return new Result(shell.exitValue(), Files.readAllLines(output));
    }
}
