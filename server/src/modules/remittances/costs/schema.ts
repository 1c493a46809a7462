// Tables of the cost-of-sending sub-area (service quotes).
export {};
