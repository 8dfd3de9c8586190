package org.danian.driver.dpdk;

import java.io.File;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.danian.spi.net.DriverCounters;
import org.danian.spi.net.PacketDriver;
import org.danian.spi.net.PacketSink;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The packet driver service {@value DpdkPacketDriver#NAME}: a Declarative Services component
 * (OSGi Compendium R8 §112) that exists while its configuration (PID {@value #PID}) does, and
 * that the kernel uses when its {@code packetDriver} setting says {@code dpdk}.
 *
 * <p>Activation, on a DS thread, never on the scheduler's: extract and load the native shim,
 * bring EAL up, start the port ({@link EalPort}); this takes 0.5–2 s. If any step fails, the
 * component does not activate and DS logs the message, which names what is missing (no shim in
 * this build, no DPDK libraries, a device that does not exist); no {@code dpdk} service is
 * registered and the kernel keeps the driver it has. Deactivation closes every port and
 * unplugs the device, after the kernel has stopped using the driver (DS unbinds a service
 * from its users before deactivating it).
 */
@Component(configurationPid = DpdkDriverComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = PacketDriver.class,
        property = PacketDriver.NAME_PROPERTY + "=" + DpdkPacketDriver.NAME)
@Designate(ocd = DpdkDriverConfig.class)
public final class DpdkDriverComponent implements PacketDriver {

    /** ConfigAdmin PID of the driver. */
    public static final String PID = "org.danian.driver.dpdk";
    static final String LOGGER = "org.danian.driver.dpdk";

    private DpdkPacketDriver driver;

    @Activate
    void activate(DpdkDriverConfig config, BundleContext context) {
        File data = context.getDataFile("native");
        Path directory = data != null ? data.toPath() : Path.of(System.getProperty("java.io.tmpdir"), "danian-dpdk");
        try {
            driver = start(directory, config);
        } catch (RuntimeException e) {
            System.getLogger(LOGGER).log(System.Logger.Level.ERROR, "the dpdk packet driver did not start: "
                    + e.getMessage());
            throw e;
        }
    }

    /** Loads the shim, brings the port up and wraps it; outside OSGi, tests call this. */
    static DpdkPacketDriver start(Path shimDirectory, DpdkDriverConfig config) {
        DpdkPortSettings port = new DpdkPortSettings(config.device(), config.hugepages(), config.memoryMb(),
                config.mbufs(), config.rxDescriptors(), config.txDescriptors(), config.ealArgs());
        DpdkPacketDriver.Sizes sizes = new DpdkPacketDriver.Sizes(config.maxPayload(), config.packets(), config.burst());
        int ip = ipv4(config.ipv4());
        EalPort nic = EalPort.open(ShimLibrary.load(shimDirectory), port);
        try {
            return new DpdkPacketDriver(nic, ip, sizes);
        } catch (RuntimeException e) {
            nic.close();
            throw e;
        }
    }

    static int ipv4(String text) {
        if (text == null || !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("ipv4 must be a dotted IPv4 address: '" + text + "'");
        }
        try {
            InetAddress address = InetAddress.getByName(text);
            if (!(address instanceof Inet4Address v4) || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                throw new IllegalArgumentException("ipv4 must be a unicast IPv4 address: '" + text + "'");
            }
            return DpdkPacketDriver.ipOf(v4);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("ipv4 must be a dotted IPv4 address: '" + text + "'", e);
        }
    }

    /**
     * Its own name, not {@code close}: DS looks a deactivate method up by name and prefers the
     * signature {@code (int reason)} (Compendium R8 §112.5.13), which {@link #close(int)} has, so
     * a deactivate named {@code close} would close port number "reason" and leave the device
     * plugged in, and the next activation would find it busy.
     */
    @Deactivate
    void deactivate() {
        close();
    }

    @Override
    public void close() {
        DpdkPacketDriver started = driver;
        if (started != null) {
            started.close();
        }
    }

    @Override
    public String name() {
        return DpdkPacketDriver.NAME;
    }

    @Override
    public int open(InetSocketAddress local) throws IOException {
        return driver.open(local);
    }

    @Override
    public void attach(int port, PacketSink sink) {
        driver.attach(port, sink);
    }

    @Override
    public void detach(int port) {
        driver.detach(port);
    }

    @Override
    public void close(int port) {
        driver.close(port);
    }

    @Override
    public int poll() {
        return driver.poll();
    }

    @Override
    public int flush() {
        return driver.flush();
    }

    @Override
    public DriverCounters counters() {
        return driver.counters();
    }
}
