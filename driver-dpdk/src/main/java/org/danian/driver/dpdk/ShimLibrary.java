package org.danian.driver.dpdk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import jnr.ffi.LibraryLoader;

/**
 * Finds, extracts and loads the native shim the build put in the bundle
 * ({@value #RESOURCE}), and checks it is the one this code speaks to. Each failure is an
 * {@link IllegalStateException} that names what is missing and how to get it, since a machine
 * without DPDK is the common case: the build ships no shim there, or the shim's DPDK libraries
 * are absent at run time.
 *
 * <p>The shim is copied to a file named by its SHA-256, so a restarted bundle loads the same
 * file rather than a new copy each time, and a rebuilt one cannot pick up a stale copy.
 */
final class ShimLibrary {

    static final String RESOURCE = "native/linux-x86_64/libdanian_dpdk_shim.so";
    /** The shim interface version this code speaks (SHIM_ABI in the C source). */
    static final int ABI = 2;

    private ShimLibrary() {
    }

    /**
     * @param directory where to extract the shim (the bundle's data area in OSGi)
     * @throws IllegalStateException if there is no shim, it does not load, or it is another version
     */
    static DpdkShim load(Path directory) {
        String os = System.getProperty("os.name", "") + "/" + System.getProperty("os.arch", "");
        if (!os.equals("Linux/amd64")) {
            throw new IllegalStateException("the dpdk driver needs Linux on x86-64; this is " + os);
        }
        Path file = extract(directory);
        DpdkShim shim;
        try {
            shim = LibraryLoader.create(DpdkShim.class).failImmediately().load(file.toString());
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new IllegalStateException("the DPDK runtime libraries the shim needs cannot be loaded (install DPDK"
                    + " 22.11, e.g. apt-get install -y libdpdk-dev): " + e.getMessage(), e);
        }
        int abi;
        try {
            abi = shim.shim_abi_version();
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException(file + " is not the dpdk driver's shim: " + e.getMessage(), e);
        }
        if (abi != ABI) {
            throw new IllegalStateException(file + " speaks shim interface " + abi + ", this driver " + ABI);
        }
        return shim;
    }

    private static Path extract(Path directory) {
        byte[] bytes;
        try (InputStream in = ShimLibrary.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("driver-dpdk was built without its native shim (" + RESOURCE + "):"
                        + " rebuild it with DPDK's development files and pkg-config installed (apt-get install -y"
                        + " libdpdk-dev pkg-config)");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + " from the bundle: " + e, e);
        }
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve("libdanian_dpdk_shim-" + sha256(bytes).substring(0, 16) + ".so");
            if (!Files.exists(file)) {
                Path partial = Files.createTempFile(directory, "shim", ".part");
                Files.write(partial, bytes);
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract the native shim into " + directory + ": " + e, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
