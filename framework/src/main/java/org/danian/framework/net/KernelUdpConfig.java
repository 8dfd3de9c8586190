package org.danian.framework.net;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The kernel UDP driver's configuration, ConfigAdmin PID {@value #PID} (OSGi Compendium R8
 * §104, §105). Read when the driver's component activates; a change re-activates it (DS
 * Compendium R8 §112.7: a configuration change without a {@code @Modified} method deactivates
 * and activates the component, so the kernel unbinds the old driver and binds the new one).
 */
@ObjectClassDefinition(id = KernelUdpConfig.PID, name = "Danian kernel UDP driver",
        description = "Sizes of the packet driver that serves ports with the kernel's UDP sockets.")
@interface KernelUdpConfig {

    /** The configuration PID. */
    String PID = "org.danian.driver.kernel.udp";

    @AttributeDefinition(name = "Packet pool",
            description = "Packets in the driver's pool, a power of two: the most requests the procs can hold at"
                    + " once. When they are all held the driver stops reading its sockets; the datagrams wait in"
                    + " the socket's receive buffer.")
    int poolSize() default UdpDriverConfig.DEFAULT_POOL_SIZE;

    @AttributeDefinition(name = "Socket buffer (bytes)",
            description = "SO_RCVBUF and SO_SNDBUF asked for each port (Linux caps them at net.core.rmem_max and"
                    + " wmem_max): how large a burst waits in the kernel while the procs are full.")
    int socketBufferBytes() default UdpDriverConfig.DEFAULT_SOCKET_BUFFER_BYTES;

    @AttributeDefinition(name = "Kthreads transmit",
            description = "Whether the kthread that answers a packet sends the reply itself (true, the default) or"
                    + " queues it for the scheduler thread's next flush (false).")
    boolean kthreadsTransmit() default true;

    @AttributeDefinition(name = "Kthread receive linger (µs)",
            description = "How long a kthread that runs out of work while holding a core waits in the driver for"
                    + " its next packet, which then wakes it alone (directpath receive); 0 leaves all receiving"
                    + " to the scheduler thread. Needs kthreadsTransmit. Outside 0..1000000 the default applies,"
                    + " with a warning in the log.")
    long kthreadReceiveLingerMicros() default UdpDriverConfig.DEFAULT_RECEIVE_LINGER_MICROS;
}
