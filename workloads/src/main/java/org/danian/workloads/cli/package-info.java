/** Command-line plumbing shared by the workloads' main classes (picocli). */
package org.danian.workloads.cli;
