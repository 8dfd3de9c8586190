package org.danian.distribution.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.danian.kernel.KernelAdmin;
import org.danian.kernel.SchedulerKernel;
import org.danian.spi.net.PacketDriver;
import org.danian.spi.pick.ThreadPickPolicy;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The shipped runtime resolves and starts: every bundle of the distribution is ACTIVE in a
 * real Felix, and the services the kernel relies on are there.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeBundlesIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return DanianRuntime.options();
    }

    @Test
    public void everyShippedBundleIsActive() {
        List<String> shipped = new ArrayList<>();
        List<String> notActive = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().contains("/danian/bundle/")) {
                shipped.add(bundle.getSymbolicName());
                if (bundle.getState() != Bundle.ACTIVE) {
                    notActive.add(bundle.getSymbolicName() + " in state " + bundle.getState());
                }
            }
        }
        assertEquals("shipped bundles installed: " + shipped, DanianRuntime.shippedBundles().size(), shipped.size());
        assertTrue("bundles not active: " + notActive, notActive.isEmpty());
    }

    @Test
    public void caladanPolicyIsRegistered() throws Exception {
        var references = context.getServiceReferences(ThreadPickPolicy.class,
                "(" + ThreadPickPolicy.NAME_PROPERTY + "=caladan)");
        assertEquals(1, references.size());
        ThreadPickPolicy policy = context.getService(references.iterator().next());
        assertEquals("caladan", policy.name());
    }

    @Test
    public void kernelUdpDriverIsRegisteredAndBoundToTheKernel() throws Exception {
        var references = context.getServiceReferences(PacketDriver.class,
                "(" + PacketDriver.NAME_PROPERTY + "=kernel-udp)");
        assertEquals(1, references.size());
        KernelAdmin admin = context.getService(context.getServiceReference(KernelAdmin.class));
        assertEquals("kernel-udp", admin.status().packets().configured());
        assertTrue("the configured driver is bound", admin.status().packets().installed());
        assertNotNull("the workload face too", context.getServiceReference(SchedulerKernel.class));
    }

    @Test
    public void configurationMetatypeAndShellServicesArePresent() {
        for (String type : List.of("org.osgi.service.cm.ConfigurationAdmin",
                "org.osgi.service.metatype.MetaTypeService",
                "org.osgi.service.component.runtime.ServiceComponentRuntime",
                "org.apache.felix.service.command.CommandProcessor")) {
            ServiceReference<?> reference = context.getServiceReference(type);
            assertNotNull("no service " + type, reference);
        }
    }
}
