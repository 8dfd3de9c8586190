package org.danian.framework.sim;

/**
 * The M/M/c queue's closed forms (Erlang's C formula): the probability that an arrival waits,
 * the mean sojourn time, and the sojourn time's quantiles for FCFS service, where the sojourn
 * is W = Wq + S with Wq = 0 with probability 1 − C and Exp(cμ − λ) otherwise, S ~ Exp(μ).
 */
final class ErlangC {

    private final int servers;
    private final double lambda;
    private final double mu;
    private final double waitProbability;

    ErlangC(int servers, double lambda, double mu) {
        this.servers = servers;
        this.lambda = lambda;
        this.mu = mu;
        double a = lambda / mu;
        double rho = a / servers;
        double term = 1;
        double sum = 1; // k = 0
        for (int k = 1; k < servers; k++) {
            term *= a / k;
            sum += term;
        }
        double last = term * a / servers / (1 - rho);
        this.waitProbability = last / (sum + last);
    }

    double waitProbability() {
        return waitProbability;
    }

    double meanSojourn() {
        return waitProbability / (servers * mu - lambda) + 1 / mu;
    }

    /** P(W > t). */
    double tail(double t) {
        double theta = servers * mu - lambda;
        double afterWait = Math.abs(theta - mu) < 1e-12 * mu
                ? (1 + mu * t) * Math.exp(-mu * t)
                : (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t)) / (theta - mu);
        return (1 - waitProbability) * Math.exp(-mu * t) + waitProbability * afterWait;
    }

    /** The sojourn time's {@code q} quantile, by bisection on the tail. */
    double quantile(double q) {
        double low = 0;
        double high = 1 / mu;
        while (tail(high) > 1 - q) {
            high *= 2;
        }
        for (int i = 0; i < 200; i++) {
            double mid = (low + high) / 2;
            if (tail(mid) > 1 - q) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }
}
