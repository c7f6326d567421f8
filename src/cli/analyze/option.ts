/**
 * `sigmasight analyze option`: Black-Scholes-Merton price and Greeks of a European option, or its
 * implied volatility from a price (then the Greeks at that volatility), by src/analytics/black-scholes.ts
 * and implied-volatility.ts. Per share; conventions as in black-scholes.ts (Act/365, continuous rates,
 * vega and rho per 1.00, theta per year and per calendar day).
 */
import { AnalyticsError } from '../../analytics/analytics-error.js';
import { blackScholes, perRatePoint, perVolPoint, yearFraction, type OptionRight } from '../../analytics/black-scholes.js';
import { impliedVolatility } from '../../analytics/implied-volatility.js';
import { parseOccSymbol } from '../../analytics/occ-symbol.js';
import { UsageError, type CliIo } from '../cli-io.js';
import { choiceFlag, dateFlag, isIsoDate, numberFlag, parseFlags, positiveFlag, withContext } from './common.js';
import { formatNumber, printJson, renderPairs } from './output.js';

export const OPTION_HELP = `sigmasight analyze option --type call|put --spot S --strike K --expiry DATE|YEARS --rate R (--vol V | --price P) [flags]
  Black-Scholes-Merton price and Greeks per share (delta, gamma, vega, theta per year and per day, rho),
  or with --price the implied volatility and the Greeks at it
  --occ SYMBOL            take type, strike and expiry from an OCC symbol (AAPL240119C00150000)
  --expiry                an ISO date (years to it counted Act/365 from --valuation-date) or a number of years
  --valuation-date DATE   default today (only with a dated expiry)
  --rate R                continuously compounded risk-free rate (0.05 = 5%)
  --dividend-yield Q      continuous dividend yield (default 0)
  --vol V                 annualized volatility (0.2 = 20%)
  --price P               option price per share: solve for the implied volatility`;

const OPTIONS = {
  type: { type: 'string' },
  spot: { type: 'string' },
  strike: { type: 'string' },
  expiry: { type: 'string' },
  'valuation-date': { type: 'string' },
  rate: { type: 'string' },
  'dividend-yield': { type: 'string' },
  vol: { type: 'string' },
  price: { type: 'string' },
  occ: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Today's local calendar date as YYYY-MM-DD. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** `sigmasight analyze option ...` */
export async function optionCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseFlags(args, OPTIONS);
  if (values.help) {
    io.out(OPTION_HELP);
    return 0;
  }
  let right: OptionRight | undefined = choiceFlag(values.type, 'type', ['call', 'put'] as const);
  let strike = positiveFlag(values.strike, 'strike');
  let expiryText = values.expiry;
  let occ: string | null = null;
  if (values.occ !== undefined) {
    if (values.type !== undefined || values.strike !== undefined || values.expiry !== undefined) {
      throw new UsageError('--occ gives the type, strike and expiry; do not also pass --type, --strike or --expiry');
    }
    try {
      const contract = parseOccSymbol(values.occ);
      right = contract.right;
      strike = contract.strike;
      expiryText = contract.expiry;
      occ = values.occ.trim().toUpperCase();
    } catch (e) {
      if (e instanceof AnalyticsError) throw new UsageError(`--occ: ${e.message}`);
      throw e;
    }
  }
  if (right === undefined) throw new UsageError('option needs --type call|put (or --occ)');
  const spot = positiveFlag(values.spot, 'spot');
  if (spot === undefined) throw new UsageError('option needs --spot (the underlying price)');
  if (strike === undefined) throw new UsageError('option needs --strike (or --occ)');
  if (expiryText === undefined) throw new UsageError('option needs --expiry YYYY-MM-DD or a number of years (or --occ)');
  const rate = numberFlag(values.rate, 'rate');
  if (rate === undefined) throw new UsageError('option needs --rate (continuously compounded, 0.05 = 5%)');
  const dividendYield = numberFlag(values['dividend-yield'], 'dividend-yield') ?? 0;
  const vol = positiveFlag(values.vol, 'vol');
  const price = positiveFlag(values.price, 'price');
  if ((vol === undefined) === (price === undefined)) throw new UsageError('option needs exactly one of --vol (to price) or --price (to imply the volatility)');

  let expiry: string | null = null;
  let valuationDate: string | null = null;
  let timeToExpiry: number;
  if (isIsoDate(expiryText)) {
    expiry = expiryText;
    valuationDate = dateFlag(values['valuation-date'], 'valuation-date') ?? today();
    timeToExpiry = yearFraction(valuationDate, expiry);
  } else {
    if (values['valuation-date'] !== undefined) throw new UsageError('--valuation-date only applies when --expiry is a date');
    const years = numberFlag(expiryText, 'expiry');
    if (years === undefined || !(years >= 0)) throw new UsageError(`--expiry must be a date YYYY-MM-DD or a number of years >= 0, got "${expiryText}"`);
    timeToExpiry = years;
  }
  if (price !== undefined && !(timeToExpiry > 0)) {
    throw new UsageError(`--price needs an option that has not expired; time to expiry is ${timeToExpiry} years`);
  }

  const market = { right, spot, strike, timeToExpiry, rate, dividendYield };
  const volatility = vol ?? withContext('implied volatility', () => impliedVolatility({ ...market, price: price! }));
  const g = withContext('Black-Scholes', () => blackScholes({ ...market, volatility }));
  const result = {
    command: 'option',
    occ,
    right,
    spot,
    strike,
    expiry,
    valuationDate,
    timeToExpiry,
    rate,
    dividendYield,
    volatility,
    volatilitySource: vol !== undefined ? 'input' : 'implied',
    marketPrice: price ?? null,
    impliedVolatility: price !== undefined ? volatility : null,
    price: g.price,
    delta: g.delta,
    gamma: g.gamma,
    vega: g.vega,
    vegaPerVolPoint: perVolPoint(g.vega),
    thetaPerYear: g.thetaPerYear,
    thetaPerDay: g.thetaPerDay,
    rho: g.rho,
    rhoPerRatePoint: perRatePoint(g.rho),
  };
  if (values.json) {
    printJson(io, result);
    return 0;
  }
  const when = expiry !== null ? `expiring ${expiry} (${formatNumber(timeToExpiry, 6)} years from ${valuationDate})` : `${formatNumber(timeToExpiry, 6)} years to expiry`;
  io.out(`${occ ?? ''}${occ ? ': ' : ''}European ${right}, spot ${spot}, strike ${strike}, ${when}, rate ${rate}, dividend yield ${dividendYield}`);
  io.out(
    renderPairs([
      ...(price !== undefined ? ([['Implied volatility', formatNumber(volatility, 10)]] as [string, string][]) : [['Volatility', String(volatility)] as [string, string]]),
      ['Price', formatNumber(g.price, 10)],
      ['Delta', formatNumber(g.delta, 10)],
      ['Gamma', formatNumber(g.gamma, 10)],
      ['Vega (per 1.00 vol)', `${formatNumber(g.vega, 10)}  (${formatNumber(result.vegaPerVolPoint, 8)} per vol point)`],
      ['Theta (per year)', formatNumber(g.thetaPerYear, 10)],
      ['Theta (per day)', formatNumber(g.thetaPerDay, 10)],
      ['Rho (per 1.00 rate)', `${formatNumber(g.rho, 10)}  (${formatNumber(result.rhoPerRatePoint, 8)} per rate point)`],
    ]),
  );
  return 0;
}
