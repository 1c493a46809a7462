// Tables of the co-funded projects sub-area.
export {};
