// One host and one browser serve every test; running them one at a time keeps the 2-core machine responsive.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
