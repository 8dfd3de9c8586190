/**
 * Caladan's synthetic workload (apps/synthetic): a request asks for some iterations of fake
 * work, "stridedmem" by default, and the reply comes back when they are done. The client
 * chooses the service-time distribution; the server only does what each request says.
 */
package org.danian.workloads.synthetic;
