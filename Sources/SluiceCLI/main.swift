import Jobs
import SluiceCommandLine

SluiceMain.run(jobs: ExampleJobs.all, pipelines: ExamplePipelines.all)
