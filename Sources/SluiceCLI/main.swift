import Jobs
import SluiceCommandLine

SluiceMain.run(jobs: ExampleJobs.all)
