// Options every chart of the app shares.

/**
 * Charts appear drawn, without ECharts' one-second entrance animation. The
 * window is painted in software on the office's machines: an animated chart
 * redraws its canvas every frame for that second, on the core the next click
 * needs (see shell/motion.css for the spinners).
 */
export const STILL_CHART = { animation: false } as const;
