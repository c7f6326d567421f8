import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/*
 * Row types for every table, as both engines return them (see database.ts): DATE is an ISO
 * 'YYYY-MM-DD' string, NUMERIC and BIGINT are numbers, TIMESTAMPTZ is a Date, JSONB is parsed.
 * The SQL in migrations/ is the source of truth; these interfaces follow it column for column
 * (a test compares them with the live catalogue).
 */

export type { IsoDate } from '../iso-date.js';
import type { IsoDate } from '../iso-date.js';
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Numeric = ColumnType<number, number | string, number | string>;
type NullableNumeric = ColumnType<number | null, number | string | null | undefined, number | string | null>;
/** JSONB: read parsed; written as a JSON.stringify string (pg would send a JS array as a PostgreSQL array). */
type Json<T = unknown> = ColumnType<T, string, string>;
type NullableJson<T = unknown> = ColumnType<T | null, string | null | undefined, string | null>;
/** TIMESTAMPTZ that is NOT NULL without a default: required on insert. */
type RequiredTimestamp = ColumnType<Date, Date | string, Date | string>;
type Uuid = string;
type Opt<T> = ColumnType<T, T | undefined, T>;

// One vocabulary for position types and VaR methods: the analytics library's, which the tables store as is.
export type { PositionType } from '../analytics/option-positions.js';
export type { VarMethod } from '../analytics/value-at-risk.js';
import type { PositionType } from '../analytics/option-positions.js';
import type { VarMethod } from '../analytics/value-at-risk.js';
export type InvestmentClass = 'PUBLIC' | 'OPTIONS' | 'PRIVATE';
/** Stored option right; the analytics library's is 'call' | 'put', mapped in riskPositionOf (analytics/portfolio-risk.ts). */
export type OptionRight = 'CALL' | 'PUT';
export type TagType = 'REGULAR' | 'STRATEGY';
export type SymbolStatus = 'pending' | 'active' | 'delisted' | 'error';
export type AssetType = 'equity' | 'etf' | 'index' | 'option' | 'mutual_fund' | 'private' | 'other';
export type QueueStatus = 'pending' | 'processing' | 'completed' | 'failed';
export type QueuePriority = 'high' | 'normal' | 'low';

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

export interface UsersTable {
  id: Generated<Uuid>;
  email: string;
  username: string;
  full_name: string | null;
  password_hash: string;
  is_active: Generated<boolean>;
  is_demo: Generated<boolean>;
  /** 'admin' sees the admin endpoints (migration 0014). */
  role: Opt<'user' | 'admin'>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface PortfoliosTable {
  id: Generated<Uuid>;
  user_id: Uuid;
  name: Opt<string>;
  description: string | null;
  currency: Opt<string>;
  equity_balance: NullableNumeric;
  created_at: CreatedAt;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
  /** The first stored day a later change made stale; the batch recomputes from it (migration 0016). */
  recompute_from: IsoDate | null;
}

export interface PositionsTable {
  id: Generated<Uuid>;
  portfolio_id: Uuid;
  symbol: string;
  position_type: PositionType;
  /** Signed: > 0 long, < 0 short; contracts for options, shares for stocks. */
  quantity: Numeric;
  investment_class: Opt<InvestmentClass>;
  underlying_symbol: string | null;
  expiration_date: IsoDate | null;
  strike_price: NullableNumeric;
  option_type: OptionRight | null;
  entry_price: Numeric;
  entry_date: IsoDate;
  exit_price: NullableNumeric;
  exit_date: IsoDate | null;
  last_price: NullableNumeric;
  market_value: NullableNumeric;
  unrealized_pnl: NullableNumeric;
  unrealized_pnl_pct: NullableNumeric;
  notes: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface TagsTable {
  id: Generated<Uuid>;
  user_id: Uuid;
  name: string;
  tag_type: Opt<TagType>;
  color: Opt<string>;
  description: string | null;
  usage_count: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface PositionTagsTable {
  position_id: Uuid;
  tag_id: Uuid;
  created_at: CreatedAt;
}

export interface MarketDataCacheTable {
  symbol: string;
  date: IsoDate;
  open: NullableNumeric;
  high: NullableNumeric;
  low: NullableNumeric;
  close: Numeric;
  adjusted_close: NullableNumeric;
  volume: NullableNumeric;
  sector: string | null;
  industry: string | null;
  data_source: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CorporateActionsTable {
  symbol: string;
  ex_date: IsoDate;
  action_type: 'SPLIT' | 'DIVIDEND';
  split_from: NullableNumeric;
  split_to: NullableNumeric;
  dividend_amount: NullableNumeric;
  currency: Opt<string>;
  record_date: IsoDate | null;
  pay_date: IsoDate | null;
  data_source: string;
  created_at: CreatedAt;
}

export interface RealtimeQuotesCacheTable {
  symbol: string;
  last_price: Numeric;
  bid: NullableNumeric;
  ask: NullableNumeric;
  change: NullableNumeric;
  change_pct: NullableNumeric;
  volume: NullableNumeric;
  quote_time: RequiredTimestamp;
  fetched_at: Timestamp;
  expires_at: RequiredTimestamp;
  data_source: string;
}

export interface ShortSellingMetricsTable {
  symbol: string;
  metric_date: IsoDate;
  cost_to_borrow_rate: NullableNumeric;
  short_interest: NullableNumeric;
  short_interest_ratio: NullableNumeric;
  days_to_cover: NullableNumeric;
  shares_available: NullableNumeric;
  data_source: string;
  created_at: CreatedAt;
}

export interface SymbolUniverseTable {
  symbol: string;
  name: string | null;
  asset_type: Opt<AssetType>;
  exchange: string | null;
  sector: string | null;
  industry: string | null;
  first_seen_date: IsoDate | null;
  last_seen_date: IsoDate | null;
  is_active: Generated<boolean>;
  status: Opt<SymbolStatus>;
  status_reason: string | null;
  consecutive_failures: Generated<number>;
  added_source: string | null;
  last_synced: NullableTimestamp;
  last_price_date: IsoDate | null;
  last_factor_date: IsoDate | null;
  /** From the provider's profile fetched on profile_date (migration 0013). */
  market_cap: NullableNumeric;
  pe_ratio: NullableNumeric;
  profile_date: IsoDate | null;
  /** The sync process holding the symbol (see migration 0006), until sync_claimed_until. */
  sync_claimed_by: string | null;
  sync_claimed_until: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SymbolOnboardingQueueTable {
  id: Generated<Uuid>;
  symbol: string;
  status: Opt<QueueStatus>;
  requested_by: Uuid | null;
  priority: Opt<QueuePriority>;
  priority_rank: ColumnType<number, never, never>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  next_attempt_at: Timestamp;
  locked_by: string | null;
  locked_until: NullableTimestamp;
  error_message: string | null;
  created_at: CreatedAt;
  started_at: NullableTimestamp;
  completed_at: NullableTimestamp;
}

export interface SymbolDailyMetricsTable {
  symbol: string;
  metrics_date: IsoDate;
  current_price: NullableNumeric;
  return_1d: NullableNumeric;
  return_mtd: NullableNumeric;
  return_ytd: NullableNumeric;
  volatility_21d: NullableNumeric;
  market_cap: NullableNumeric;
  pe_ratio: NullableNumeric;
  factor_market: NullableNumeric;
  factor_value: NullableNumeric;
  factor_growth: NullableNumeric;
  factor_momentum: NullableNumeric;
  updated_at: Timestamp;
  return_1m: NullableNumeric;
  return_3m: NullableNumeric;
  return_1y: NullableNumeric;
  volatility_63d: NullableNumeric;
  volatility_252d: NullableNumeric;
}

export interface FactorDefinitionsTable {
  id: Generated<Uuid>;
  name: string;
  display_name: string;
  description: string;
  etf_proxy: string | null;
  /** A spread factor's long and short ETFs (its return is long - short); null for other factors. */
  spread_long: string | null;
  spread_short: string | null;
  factor_type: 'macro' | 'style' | 'sector' | 'commodity' | 'rates' | 'custom' | 'spread';
  calculation_method: string;
  proxy_duration_years: NullableNumeric;
  display_order: number;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface SymbolFactorExposuresTable {
  id: Generated<Uuid>;
  symbol: string;
  factor_id: Uuid;
  calculation_date: IsoDate;
  beta_value: Numeric;
  std_error: NullableNumeric;
  t_stat: NullableNumeric;
  r_squared: NullableNumeric;
  observations: number;
  window_days: number;
  calculation_method: 'ols_multifactor' | 'ols_single' | 'ridge' | 'spread_ols';
  created_at: CreatedAt;
}

/** One row per portfolio and date (migration 0012): position-major matrices in the snapshot's position order. */
export interface PositionFactorExposuresTable {
  portfolio_id: Uuid;
  calculation_date: IsoDate;
  factor_ids: Uuid[];
  betas: (number | null)[];
  dollars: (number | null)[];
  created_at: CreatedAt;
}

/** One row per portfolio and date (migration 0018): element i of each array is factor_ids[i]. */
export interface PortfolioFactorExposuresTable {
  portfolio_id: Uuid;
  calculation_date: IsoDate;
  factor_ids: Uuid[];
  exposure_value: number[];
  exposure_dollar: number[];
  variance_contribution: (number | null)[];
  created_at: CreatedAt;
}

export interface FactorCovarianceTable {
  id: Generated<Uuid>;
  calculation_date: IsoDate;
  factor1_id: Uuid;
  factor2_id: Uuid;
  covariance: Numeric;
  correlation: Numeric;
  lookback_days: number;
  decay_lambda: ColumnType<number, number | string | undefined, number | string>;
  observations: number;
  created_at: CreatedAt;
}

export interface PositionGreeksTable {
  position_id: Uuid;
  calculation_date: IsoDate;
  delta: Numeric;
  gamma: Numeric;
  theta: Numeric;
  vega: Numeric;
  rho: Numeric;
  delta_dollars: Numeric;
  gamma_dollars: Numeric;
  theta_dollars: Numeric;
  vega_dollars: Numeric;
  underlying_price: NullableNumeric;
  option_price: NullableNumeric;
  implied_volatility: NullableNumeric;
  time_to_expiry_years: NullableNumeric;
  is_estimated: Generated<boolean>;
  pricing_model: Opt<string>;
  created_at: CreatedAt;
}

export interface PortfolioSnapshotsTable {
  id: Generated<Uuid>;
  portfolio_id: Uuid;
  snapshot_date: IsoDate;
  frequency: Opt<'daily' | 'weekly' | 'monthly'>;
  total_value: Numeric;
  cash_value: ColumnType<number, number | string | undefined, number | string>;
  long_value: Numeric;
  short_value: Numeric;
  long_exposure: Numeric;
  short_exposure: Numeric;
  gross_exposure: Numeric;
  net_exposure: Numeric;
  delta_adjusted_exposure: NullableNumeric;
  position_count: Generated<number>;
  daily_pnl: NullableNumeric;
  daily_pnl_pct: NullableNumeric;
  cumulative_pnl: NullableNumeric;
  total_pnl: NullableNumeric;
  portfolio_beta: NullableNumeric;
  portfolio_volatility: NullableNumeric;
  annualized_volatility: NullableNumeric;
  sharpe_ratio: NullableNumeric;
  max_drawdown: NullableNumeric;
  position_correlation: NullableNumeric;
  diversification_score: NullableNumeric;
  total_delta: NullableNumeric;
  total_gamma: NullableNumeric;
  total_theta: NullableNumeric;
  total_vega: NullableNumeric;
  var_value: NullableNumeric;
  cvar_value: NullableNumeric;
  var_method: VarMethod | null;
  var_confidence: NullableNumeric;
  var_horizon_days: number | null;
  created_at: CreatedAt;
  equity_value: NullableNumeric;
  time_weighted_return: NullableNumeric;
  realized_pnl: NullableNumeric;
  unrealized_pnl: NullableNumeric;
  sortino_ratio: NullableNumeric;
  cash_flows: NullableNumeric;
  inputs_date: IsoDate | null;
  risk_free_rate: NullableNumeric;
  history_observations: number | null;
  inputs_synthetic: Generated<boolean>;
  inputs_stale: Generated<boolean>;
  positions_hash: string | null;
  positions_changed_at: NullableTimestamp;
  /** The open positions in the order of every per-position array of the day (migration 0012). */
  position_ids: Uuid[] | null;
}

export interface PortfolioCashFlowsTable {
  id: Generated<Uuid>;
  portfolio_id: Uuid;
  flow_date: IsoDate;
  amount: Numeric;
  description: string | null;
  created_at: CreatedAt;
}

/** One row per portfolio and date (migration 0018): element i of each array is one (method, confidence, horizon). */
export interface PortfolioVarResultsTable {
  portfolio_id: Uuid;
  calculation_date: IsoDate;
  portfolio_value: Numeric;
  method: VarMethod[];
  confidence: number[];
  horizon_days: number[];
  var_value: number[];
  cvar_value: number[];
  var_return: number[];
  cvar_return: number[];
  sample_size: number[];
  created_at: CreatedAt;
}

/**
 * One row per portfolio and date (migration 0018): element k of confidence and horizon_days is one
 * estimate, in (confidence, horizon) order; the matrices are [k * n + p] for the snapshot's n positions in its order.
 */
export interface PositionVarContributionsTable {
  portfolio_id: Uuid;
  calculation_date: IsoDate;
  confidence: number[];
  horizon_days: number[];
  component_var: (number | null)[];
  component_cvar: (number | null)[];
  marginal_var: (number | null)[];
  percent_of_var: (number | null)[];
  created_at: CreatedAt;
}

export interface PositionCorrelationsTable {
  id: Generated<Uuid>;
  portfolio_id: Uuid;
  calculation_date: IsoDate;
  window_days: number;
  position1_id: Uuid;
  position2_id: Uuid;
  symbol1: string;
  symbol2: string;
  correlation: Numeric;
  observations: number;
  created_at: CreatedAt;
}

/** The snapshot's positions' correlations (migrations 0011, 0012), in portfolio_snapshots.position_ids order. */
export interface PortfolioCorrelationMatricesTable {
  portfolio_id: Uuid;
  calculation_date: IsoDate;
  observations: number;
  /** Upper triangle without the diagonal, row by row (see migration 0011); null where undefined. */
  correlations: (number | null)[];
  average_correlation: number | null;
  created_at: CreatedAt;
}

export interface StressScenariosTable {
  id: Generated<Uuid>;
  name: string;
  description: string;
  scenario_type: 'sensitivity' | 'historical' | 'hypothetical';
  category: 'market' | 'rates' | 'commodity' | 'crisis' | 'volatility';
  window_start: IsoDate | null;
  window_end: IsoDate | null;
  display_order: number;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface StressScenarioShocksTable {
  id: Generated<Uuid>;
  scenario_id: Uuid;
  shock_kind: 'factor_return' | 'yield_change' | 'spot' | 'volatility';
  factor_id: Uuid | null;
  underlying_symbol: string | null;
  shock_value: Numeric;
  source: string | null;
}

/**
 * One row per portfolio and date (migration 0018): element i of the per-scenario arrays is
 * scenario_ids[i]; factor_impacts[(i * factors.length + j) * 4 + m] is scenario i, factor j and m of
 * [shock, correlated shock, direct P&L, correlated P&L]; the per-position P&L is [i * n + p] for the
 * snapshot's n positions in its order.
 */
export interface StressTestResultsTable {
  portfolio_id: Uuid;
  calculation_date: IsoDate;
  portfolio_value: Numeric;
  scenario_ids: Uuid[];
  direct_pnl: number[];
  correlated_pnl: number[];
  direct_pnl_pct: (number | null)[];
  correlated_pnl_pct: (number | null)[];
  factors: string[];
  factor_impacts: (number | null)[];
  position_direct_pnl: (number | null)[];
  position_correlated_pnl: (number | null)[];
  created_at: CreatedAt;
}

export interface PortfolioAnalyticsCacheTable {
  portfolio_id: Uuid;
  cache_type: string;
  cache_key: string;
  cached_data: Json;
  valid_until: RequiredTimestamp;
  created_at: CreatedAt;
}

export interface BatchJobsTable {
  id: Generated<Uuid>;
  job_name: string;
  job_type: string;
  status: Opt<'pending' | 'running' | 'completed' | 'failed' | 'cancelled'>;
  portfolio_id: Uuid | null;
  attempts: Generated<number>;
  locked_by: string | null;
  heartbeat_at: NullableTimestamp;
  started_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  error_message: string | null;
  metadata: NullableJson;
  created_at: CreatedAt;
}

export interface BatchJobSchedulesTable {
  job_type: string;
  cron_expression: string;
  timezone: Opt<string>;
  timeout_seconds: number;
  description: string | null;
  last_run_at: NullableTimestamp;
  next_run_at: NullableTimestamp;
  is_enabled: Generated<boolean>;
}

export interface CalculationAuditLogTable {
  id: Generated<Uuid>;
  calculation_type: string;
  portfolio_id: Uuid | null;
  batch_job_id: Uuid | null;
  calculation_date: IsoDate;
  start_time: RequiredTimestamp;
  end_time: NullableTimestamp;
  status: 'running' | 'completed' | 'failed';
  records_processed: number | null;
  error_message: string | null;
  metadata: NullableJson;
  created_at: CreatedAt;
}

export interface ExportHistoryTable {
  id: Generated<Uuid>;
  user_id: Uuid;
  portfolio_id: Uuid | null;
  export_type: 'portfolio' | 'trades' | 'modeling_session' | 'positions' | 'risk_report';
  export_format: 'csv' | 'json' | 'fix';
  file_name: string | null;
  file_size_bytes: number | null;
  created_at: CreatedAt;
}

export interface ModelingSessionSnapshotsTable {
  id: Generated<Uuid>;
  session_id: string;
  user_id: Uuid;
  portfolio_id: Uuid;
  name: string;
  description: string | null;
  status: Opt<'active' | 'completed' | 'cancelled'>;
  base_snapshot_date: IsoDate | null;
  base_portfolio_snapshot: Json;
  modified_portfolio_snapshot: NullableJson;
  changes: ColumnType<unknown, string | undefined, string>;
  impact_summary: NullableJson;
  risk_metrics_before: NullableJson;
  risk_metrics_after: NullableJson;
  factor_exposures_change: NullableJson;
  created_at: CreatedAt;
  updated_at: Timestamp;
  completed_at: NullableTimestamp;
}

export interface DB {
  schema_migrations: SchemaMigrationsTable;
  users: UsersTable;
  portfolios: PortfoliosTable;
  positions: PositionsTable;
  tags: TagsTable;
  position_tags: PositionTagsTable;
  market_data_cache: MarketDataCacheTable;
  corporate_actions: CorporateActionsTable;
  realtime_quotes_cache: RealtimeQuotesCacheTable;
  short_selling_metrics: ShortSellingMetricsTable;
  symbol_universe: SymbolUniverseTable;
  symbol_onboarding_queue: SymbolOnboardingQueueTable;
  symbol_daily_metrics: SymbolDailyMetricsTable;
  factor_definitions: FactorDefinitionsTable;
  symbol_factor_exposures: SymbolFactorExposuresTable;
  position_factor_exposures: PositionFactorExposuresTable;
  portfolio_factor_exposures: PortfolioFactorExposuresTable;
  factor_covariance: FactorCovarianceTable;
  position_greeks: PositionGreeksTable;
  portfolio_snapshots: PortfolioSnapshotsTable;
  portfolio_cash_flows: PortfolioCashFlowsTable;
  portfolio_var_results: PortfolioVarResultsTable;
  position_var_contributions: PositionVarContributionsTable;
  position_correlations: PositionCorrelationsTable;
  portfolio_correlation_matrices: PortfolioCorrelationMatricesTable;
  stress_scenarios: StressScenariosTable;
  stress_scenario_shocks: StressScenarioShocksTable;
  stress_test_results: StressTestResultsTable;
  portfolio_analytics_cache: PortfolioAnalyticsCacheTable;
  batch_jobs: BatchJobsTable;
  batch_job_schedules: BatchJobSchedulesTable;
  calculation_audit_log: CalculationAuditLogTable;
  export_history: ExportHistoryTable;
  modeling_session_snapshots: ModelingSessionSnapshotsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Portfolio = Selectable<PortfoliosTable>;
export type NewPortfolio = Insertable<PortfoliosTable>;
export type Position = Selectable<PositionsTable>;
export type NewPosition = Insertable<PositionsTable>;
export type PositionUpdate = Updateable<PositionsTable>;
export type Tag = Selectable<TagsTable>;
export type NewTag = Insertable<TagsTable>;
export type PriceBar = Selectable<MarketDataCacheTable>;
export type NewPriceBar = Insertable<MarketDataCacheTable>;
