package org.danian.distribution.layers;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering of the shipped modules, checked on their compiled classes with ArchUnit, so
 * that a violation fails the build rather than a review (docs/architecture.md, "Modules and
 * packages"):
 * <ul>
 *   <li>the exported packages (the SPI {@code org.danian.spi..} and the kernel API
 *       {@code org.danian.kernel..}) depend on no implementation package: a bundle built
 *       against them needs nothing private of the framework;
 *   <li>a policy bundle depends on the SPI and on nothing else of Danian (not the kernel API,
 *       not the framework's implementation, not another policy bundle);
 *   <li>the workloads use the kernel through its API only;
 *   <li>a packet-driver bundle depends on the SPI, its native binding (jnr-ffi and jffi, which
 *       it embeds privately) and the OSGi framework API (its data area, where it extracts its
 *       native shim), and on nothing else of Danian.
 * </ul>
 * The classes come from the module jars on this module's class path, test classes excluded.
 */
class ArchitectureTest {

    private static final JavaClasses SHIPPED = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar")) // the modules' test-jars
            .importPackages("org.danian");

    private static final String[] IMPLEMENTATIONS = {"org.danian.framework..", "org.danian.policy..",
        "org.danian.workloads..", "org.danian.distribution.."};

    @Test
    void exportedPackagesImportNoImplementationPackage() {
        noClasses().that().resideInAnyPackage("org.danian.spi..", "org.danian.kernel..")
                .should().dependOnClassesThat().resideInAnyPackage(IMPLEMENTATIONS)
                .because("the SPI and the kernel API are exported: a bundle built against them must not need the"
                        + " framework's private packages")
                .check(SHIPPED);
    }

    @Test
    void policyBundlesDependOnTheSpiAlone() {
        for (String policy : new String[] {"caladan", "danian", "lottery"}) {
            String own = "org.danian.policy." + policy + "..";
            classes().that().resideInAPackage(own)
                    .should().onlyDependOnClassesThat().resideInAnyPackage(own, "org.danian.spi..", "java..",
                            "org.osgi.annotation..", "org.osgi.service.component.annotations..",
                            "org.osgi.service.metatype.annotations..")
                    .because("a policy is a plug-in against the SPI; anything else it imported would tie it to one"
                            + " kernel build")
                    .check(SHIPPED);
        }
    }

    @Test
    void workloadsUseTheKernelThroughItsApiOnly() {
        noClasses().that().resideInAPackage("org.danian.workloads..")
                .should().dependOnClassesThat().resideInAnyPackage("org.danian.framework..", "org.danian.policy..")
                .because("workloads run on any kernel that provides org.danian.kernel")
                .check(SHIPPED);
    }

    @Test
    void driverBundlesDependOnTheSpiAndTheirNativeBindingAlone() {
        classes().that().resideInAPackage("org.danian.driver..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.danian.driver..", "org.danian.spi..",
                        "java..", "org.osgi.annotation..", "org.osgi.service.component.annotations..",
                        "org.osgi.service.metatype.annotations..", "org.osgi.framework..", "jnr.ffi..",
                        "com.kenai.jffi..")
                .because("a packet driver is a plug-in against the SPI, like a policy")
                .check(SHIPPED);
    }

    @Test
    void thereAreClassesToCheck() {
        for (String layer : new String[] {"org.danian.spi", "org.danian.kernel", "org.danian.framework.engine",
            "org.danian.policy.caladan", "org.danian.policy.danian", "org.danian.policy.lottery",
            "org.danian.workloads.service", "org.danian.driver.dpdk"}) {
            if (SHIPPED.stream().noneMatch(c -> c.getPackageName().equals(layer))) {
                throw new AssertionError("no class of " + layer + " was imported; the rules above checked nothing");
            }
        }
    }
}
