import Dataflow

/// The jobs the coordinator and workers of this binary know. Workers rebuild a job from its name,
/// so this must list the same jobs `sluice submit` offers.
enum ClusterCommandJobs {
    static var catalog: JobCatalog { JobCatalog(InstalledJobs.catalog.jobs + ClusterCheckJobs.all) }
}
