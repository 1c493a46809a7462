/** The choices a service quote offers (RPW's categories). Pure constants, shared by the table and the rules. */
export const PROVIDER_TYPES = ['bank', 'money_transfer_operator', 'mobile', 'post'] as const;
/** RPW's speed bands. */
export const SPEEDS = ['less_than_1_hour', 'same_day', 'next_day', '2_5_days', 'more_than_5_days'] as const;
export const PAYOUT_METHODS = ['cash', 'bank_account', 'mobile_wallet', 'home_delivery'] as const;
