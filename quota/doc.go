// Package quota describes the demographic quotas a panel must meet: the
// categories (gender, age band, region…), the values of each category, and
// for each value the bounds on how many panel members may have it. It reads
// the quota files in use today and finds what counting alone shows to be
// impossible.
//
// Names of categories and values are matched trimmed and case-insensitively
// (see Key); the model keeps the quota file's own spelling for output.
//
// It owns the quota model (Set, Category, Value), the quota files and
// their errors (ErrorList, InputError), target shares (Share) and the
// counting checks (Set.CountingProblems). It must not know about pools,
// lotteries or records (sortition and audit build on it), and it never
// prints, exits or reads global state.
package quota
