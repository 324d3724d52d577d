// One test class at a time: the bad-input tests measure allocations, and the 20,000-file library is seeded once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
