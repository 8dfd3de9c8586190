package org.danian.workloads.experiment;

/**
 * One figure of the report, numbered as in the Danian paper (§7, Figures 3–8).
 *
 * @param number the paper's figure number
 * @param file the PNG's file name in the results folder
 * @param title the chart's title
 * @param caption what it shows and how it was measured, for the HTML report
 * @param png the encoded image, or {@code null} if there was no data to draw
 * @param note why it was not drawn, or what is missing from it ({@code ""} if nothing)
 */
record Figure(int number, String file, String title, String caption, byte[] png, String note) {

    boolean drawn() {
        return png != null;
    }
}
