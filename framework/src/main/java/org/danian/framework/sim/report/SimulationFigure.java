package org.danian.framework.sim.report;

/**
 * One figure of the simulation report.
 *
 * @param number its place in the report
 * @param file the PNG's file name in the output folder
 * @param title the chart's title
 * @param caption what it shows, for the HTML report
 * @param png the encoded image, or {@code null} if there was no data to draw
 * @param note why it was not drawn ({@code ""} if it was)
 */
record SimulationFigure(int number, String file, String title, String caption, byte[] png, String note) {

    boolean drawn() {
        return png != null;
    }
}
