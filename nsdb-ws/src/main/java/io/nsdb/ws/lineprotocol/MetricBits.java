package io.nsdb.ws.lineprotocol;

import io.nsdb.core.model.Bit;
import java.util.List;

/**
 * The bits of one metric in a batch, in input order, with the first and last line that produced
 * one, so that a storage rejection of the metric can be reported in terms of lines.
 */
public record MetricBits(String metric, List<Bit> bits, int firstLine, int lastLine) {}
