/**
 * Numeric parameters that live inside a use case's SQL (the CEP threshold and window, the
 * enrichment's interest thresholds). Builders put them into SQL only through {@link sqlInt}:
 * an integer in its documented range, so no value a form or an API sends can change what the
 * SQL says beyond that number.
 */

/** Inclusive range of one integer parameter. */
export interface IntRange {
  min: number;
  max: number;
}

/** The CEP pattern of the fraud shape: N or more failed payments, then a checkout, within M minutes. */
export interface FraudCepParams {
  /** Failed payment attempts before the checkout that make it suspicious. */
  failedAttempts: number;
  /** How long the whole pattern may take, in minutes. */
  windowMinutes: number;
}

export const FRAUD_CEP_DEFAULTS: FraudCepParams = {
  failedAttempts: 3,
  windowMinutes: 10,
};

/** The pattern's state lives as long as the window: a day at most keeps it bounded. */
export const FRAUD_CEP_LIMITS: Record<keyof FraudCepParams, IntRange> = {
  failedAttempts: { min: 1, max: 100 },
  windowMinutes: { min: 1, max: 1440 },
};

/** When the enrichment calls a customer hot or warm. */
export interface InterestParams {
  /** Add-to-cart events from which a customer is `hot`. */
  hotAddToCarts: number;
  /** Events of any kind from which a customer is at least `warm`. */
  warmEvents: number;
}

export const INTEREST_DEFAULTS: InterestParams = {
  hotAddToCarts: 3,
  warmEvents: 10,
};

export const INTEREST_LIMITS: Record<keyof InterestParams, IntRange> = {
  hotAddToCarts: { min: 1, max: 10_000 },
  warmEvents: { min: 1, max: 1_000_000 },
};

/**
 * The decimal text of an integer parameter for SQL, or an error naming the parameter. The value
 * is never echoed (it may be anything a caller passed).
 */
export function sqlInt(name: string, value: unknown, range: IntRange): string {
  if (
    typeof value !== 'number' ||
    !Number.isSafeInteger(value) ||
    value < range.min ||
    value > range.max
  )
    throw new RangeError(
      `${name} must be an integer from ${range.min} to ${range.max}`,
    );
  return String(value);
}
