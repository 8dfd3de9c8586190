package org.danian.workloads.client;

import com.google.gson.JsonObject;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The {@code --json} output of the clients: one JSON object per result, whose members are the
 * CSV columns (as text, exactly as the CSV writes them) plus {@value #LATENCY_HISTOGRAM}, the
 * latency histogram in nanoseconds in HdrHistogram's compressed encoding, Base64 (the encoding
 * of HdrHistogram's own histogram logs). A runner that splits one load over several client
 * processes adds their histograms and reads percentiles of the whole load from the sum, which
 * averaging the clients' percentiles would not give.
 */
public final class ClientJson {

    /** The member holding the encoded latency histogram. */
    public static final String LATENCY_HISTOGRAM = "latency_histogram";

    private ClientJson() {
    }

    static String line(List<String> header, List<Object> values, Histogram latencies) {
        if (header.size() != values.size()) {
            throw new IllegalArgumentException("header and values differ in length: " + header + " / " + values);
        }
        JsonObject json = new JsonObject();
        for (int i = 0; i < header.size(); i++) {
            json.addProperty(header.get(i), String.valueOf(values.get(i)));
        }
        json.addProperty(LATENCY_HISTOGRAM, encode(latencies));
        return json.toString();
    }

    /** {@code histogram} compressed and Base64-encoded. */
    public static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    /**
     * The histogram {@link #encode} wrote.
     *
     * @throws IllegalArgumentException if {@code text} is not such an encoding (the message says why)
     */
    public static Histogram decode(String text) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(text)), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an encoded latency histogram (" + e + "): "
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text), e);
        }
    }
}
