import { AnalyticsError } from '../analytics/analytics-error.js';
import { UsageError, type CliIo } from './cli-io.js';
import { DATA_HELP, DataError } from './analyze/common.js';
import { correlationCommand, CORRELATION_HELP } from './analyze/correlation.js';
import { metricsCommand, METRICS_HELP } from './analyze/metrics.js';
import { optionCommand, OPTION_HELP } from './analyze/option.js';
import { regressCommand, REGRESS_HELP } from './analyze/regress.js';
import { varCommand, VAR_HELP } from './analyze/var.js';

export const ANALYZE_USAGE = `sigmasight analyze metrics      return, volatility, Sharpe, Sortino, Calmar, drawdown, moments of a price/return CSV
sigmasight analyze regress      OLS (or ridge) of --y on --x with intercept: coefficients, t-stats, R^2
sigmasight analyze correlation  correlation matrix of the symbols' returns
sigmasight analyze var          historical, Gaussian and modified VaR and expected shortfall of a symbol
sigmasight analyze option       Black-Scholes price and Greeks, or implied volatility from a price
  (no database needed; "sigmasight analyze --help" lists the flags)`;


/** The full help of `sigmasight analyze`. */
export const ANALYZE_HELP = [
  'sigmasight analyze: the analytics on CSV files, no database. Exit codes: 0 ok, 1 data problem, 2 usage mistake.',
  '',
  METRICS_HELP,
  '',
  REGRESS_HELP,
  '',
  CORRELATION_HELP,
  '',
  VAR_HELP,
  '',
  OPTION_HELP,
  '  --json                  print JSON',
  '',
  DATA_HELP,
].join('\n');

const SUBCOMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  metrics: metricsCommand,
  regress: regressCommand,
  correlation: correlationCommand,
  var: varCommand,
  option: optionCommand,
};

/**
 * `sigmasight analyze metrics|regress|correlation|var|option`. Never throws: prints errors on stderr
 * and returns the exit code (0 ok, 1 data problem or failed computation, 2 usage mistake).
 */
export async function analyzeCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const name = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? `sigmasight analyze ${sub}` : 'sigmasight analyze';
  try {
    if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
      io.out(ANALYZE_HELP);
      return 0;
    }
    if (!Object.hasOwn(SUBCOMMANDS, sub)) throw new UsageError(`unknown analyze command "${sub}"; expected metrics, regress, correlation, var or option`);
    return await SUBCOMMANDS[sub](rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${name}: ${e.message}`);
      io.err(`Run "${name} --help" for the flags.`);
      return 2;
    }
    if (e instanceof DataError) {
      io.err(`${name}: ${e.message}`);
      return 1;
    }
    if (e instanceof AnalyticsError) {
      io.err(`${name}: ${e.message} (${e.code})`);
      return 1;
    }
    io.err(`${name}: ${(e as Error).message}`);
    return 1;
  }
}
