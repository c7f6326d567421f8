import fc from 'fast-check';

/*
 * Property tests run from a fixed seed so a CI run is reproducible; set FC_SEED to explore other
 * inputs (FC_SEED=random picks a fresh one and prints it) and FC_RUNS to try more cases.
 */
const requested = process.env.FC_SEED;
const seed = requested === undefined ? 20261122 : requested === 'random' ? Date.now() ^ (Math.random() * 2 ** 31) : Number(requested);
if (requested !== undefined) console.log(`fast-check seed ${seed}`);
fc.configureGlobal({ seed, ...(process.env.FC_RUNS ? { numRuns: Number(process.env.FC_RUNS) } : {}) });
