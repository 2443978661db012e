// Each test runs whole host processes and the crash tests saturate the machine on purpose;
// running them one at a time keeps their load, and so their acknowledged counts, comparable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
