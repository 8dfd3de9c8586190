package org.danian.framework.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

import org.danian.kernel.PolicyKind;
import org.danian.spi.pick.contract.TestProc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The MXBeans, read back through the platform MBeanServer as a JMX client would. */
class MetricsJmxTest {

    /** A domain of its own, so that a kernel running in the same JVM cannot collide. */
    private static final String DOMAIN = "org.danian.test";

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final FakeClock clock = new FakeClock();
    private final KernelMetrics metrics = new KernelMetrics(clock);
    private final MetricsJmx jmx = new MetricsJmx(metrics, server, DOMAIN);
    private final TestProc web = new TestProc(5, 3);

    @AfterEach
    void unregister() {
        jmx.unregisterAll();
    }

    @Test
    void kernelAndProcAttributesReadBack() throws Exception {
        metrics.procAttached(web);
        jmx.registerKernel();
        jmx.registerProc(web);
        metrics.grant(web.kthread(0), 1, 1, true);
        metrics.grant(web.kthread(0), 2, 1, false);
        metrics.grantLatency(web, 20_000);
        metrics.pickCost(web, 80);
        metrics.coresHeld(web, 2, clock.nanos);
        clock.advance(500_000_000);
        metrics.kthreadCpuNanos(web, 2, 1234);
        metrics.ejection(PolicyKind.THREAD_PICK, "stride");

        ObjectName kernel = new ObjectName(DOMAIN + ":type=Kernel");
        ObjectName proc = new ObjectName(DOMAIN + ":type=Proc,name=proc-5");
        assertEquals(2L, server.getAttribute(kernel, "Grants"));
        assertEquals(1L, server.getAttribute(kernel, "Migrations"));
        assertEquals(0.5, (double) server.getAttribute(kernel, "LocalityHitRate"), 1e-12);
        assertEquals(1, server.getAttribute(kernel, "AttachedProcs"));
        assertEquals(1L, server.getAttribute(kernel, "Ejections"));
        TabularData byPolicy = (TabularData) server.getAttribute(kernel, "EjectionsByPolicy");
        CompositeData stride = byPolicy.get(new Object[] {"stride"});
        assertEquals(1L, stride.get("value"));

        assertEquals("proc-5", server.getAttribute(proc, "Name"));
        assertEquals(5, server.getAttribute(proc, "Id"));
        assertEquals(2, server.getAttribute(proc, "CoresHeld"));
        assertEquals(1.0, (double) server.getAttribute(proc, "CoreSeconds"), 1e-9);
        assertEquals(1L, server.getAttribute(proc, "LocalityHits"));
        assertEquals(20.0, (double) server.getAttribute(proc, "GrantLatencyP50Micros"), 0.2);
        assertEquals(1L, server.getAttribute(proc, "GrantLatencyCount"));
        assertEquals(80L, server.getAttribute(proc, "PickCostP99Nanos"));
        assertArrayEquals(new long[] {0, 0, 1234}, (long[]) server.getAttribute(proc, "KThreadCpuNanos"));
    }

    @Test
    void unregisterRemovesTheBeans() throws Exception {
        metrics.procAttached(web);
        jmx.registerKernel();
        jmx.registerProc(web);
        assertTrue(server.isRegistered(jmx.procName("proc-5")));

        jmx.unregisterProc(web);
        assertFalse(server.isRegistered(jmx.procName("proc-5")));
        assertTrue(server.isRegistered(jmx.kernelName()));
        jmx.unregisterAll();
        assertFalse(server.isRegistered(jmx.kernelName()));
    }

    @Test
    void namesWithReservedCharactersAreQuoted() throws Exception {
        NamedProc odd = new NamedProc(9, "a,b=c", 1);
        metrics.procAttached(odd);
        jmx.registerProc(odd);
        assertEquals("a,b=c", server.getAttribute(jmx.procName("a,b=c"), "Name"));
    }

    @Test
    void mistakesAreReported() {
        assertThrows(IllegalArgumentException.class, () -> jmx.registerProc(web), "not attached");
        jmx.registerKernel();
        MetricsJmx second = new MetricsJmx(new KernelMetrics(clock), server, DOMAIN);
        assertThrows(IllegalStateException.class, second::registerKernel, "the name is taken");
    }
}
