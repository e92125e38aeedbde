// The measuring loop of the Node benchmarks (jose-bench.mjs, siwe-bench.mjs): one operation at a time, awaited, as
// a request handler does; a warm-up, then rounds of fixed length, each giving wall-clock and CPU time (all threads of
// the process) per operation, with a 99.9 % interval computed as JMH computes its error.

// Student's t quantiles for a two-sided 99.9 % interval, as JMH reports its error, by degrees of freedom (1 to 30;
// past 30 the value at 30, a little wide).
const T999 = [NaN, 636.619, 31.599, 12.924, 8.610, 6.869, 5.959, 5.408, 5.041, 4.781, 4.587, 4.437, 4.318, 4.221,
    4.140, 4.073, 4.015, 3.965, 3.922, 3.883, 3.850, 3.819, 3.792, 3.768, 3.745, 3.725, 3.707, 3.690, 3.674, 3.659,
    3.646];

function stats(values) {
    const n = values.length;
    const mean = values.reduce((a, b) => a + b, 0) / n;
    const variance = n > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
    const t = T999[Math.min(n - 1, T999.length - 1)];
    const sorted = [...values].sort((a, b) => a - b);
    const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return { mean, error: n > 1 ? t * Math.sqrt(variance / n) : NaN, median, rounds: values };
}

/** measure(op) with these settings: {wall, cpu}, each {mean, error, median, rounds} in µs per op. */
export function measurer(warmupMs, rounds, roundMs) {
    return async function measure(op) {
        const deadline = performance.now() + warmupMs;
        while (performance.now() < deadline) {
            await op();
        }
        const wall = [];
        const cpu = [];
        for (let r = 0; r < rounds; r++) {
            const cpu0 = process.cpuUsage();
            const t0 = performance.now();
            const end = t0 + roundMs;
            let ops = 0;
            let now = t0;
            while (now < end) {
                await op();
                ops++;
                now = performance.now();
            }
            const used = process.cpuUsage(cpu0);
            wall.push(((now - t0) * 1000) / ops);
            cpu.push((used.user + used.system) / ops);
        }
        return { wall: stats(wall), cpu: stats(cpu) };
    };
}
