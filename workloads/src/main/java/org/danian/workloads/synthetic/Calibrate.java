package org.danian.workloads.synthetic;

/**
 * {@code java org.danian.workloads.synthetic.Calibrate}: prints how many stridedmem iterations
 * this machine does per microsecond, to turn a service time in µs into the synthetic client's
 * {@code --mean} (Caladan's paper uses 10 µs requests).
 */
public final class Calibrate {

    private Calibrate() {
    }

    public static void main(String[] args) {
        Calibration calibration = Calibration.measure(new StridedMemWork(1));
        System.out.println(calibration);
        System.out.printf(java.util.Locale.ROOT, "10 us of work: --mean %d%n",
                Math.round(10 * calibration.iterationsPerMicrosecond()));
    }
}
