
use builtin;
use str;

set edit:completion:arg-completer[tug] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'tug'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'tug'= {
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Set up this repository: a workspace, a service from a Dockerfile, an environment'
            cand app 'The application: create the workspace; list, show and delete what is deployed'
            cand validate 'Check manifests: syntax, fields, Fargate sizes and every Copilot rule'
            cand job 'Scheduled Jobs: create, deploy, run now, logs, list, show, delete, render CloudFormation'
            cand env 'Environments: create, deploy, list, show, delete, render CloudFormation'
            cand svc 'Services: create, deploy, list, show, status, logs, exec, scale, delete, render CloudFormation'
            cand task 'One-off tasks: run one in an environment; list and delete the task groups'
            cand storage 'Storage for a workload: an S3 bucket, a DynamoDB table or an Aurora cluster'
            cand deploy 'Deploy an environment, then every workload in it, in parallel'
            cand completions 'Print a shell completion script'
            cand man 'Print the manual page of tug or of one of its commands (`tug man svc deploy | man -l -`)'
            cand sim 'Simulate the ECS scheduler offline: placement, Fargate sizes, rollouts, scaling'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;init'= {
            cand --app 'The application''s name (default: the repository folder''s name)'
            cand -n 'The service''s name (default: the Dockerfile''s folder name)'
            cand --name 'The service''s name (default: the Dockerfile''s folder name)'
            cand -t 'Load Balanced Web Service, Backend Service, Worker Service or Scheduled Job (short forms: lb-web-service, backend, worker, job)'
            cand --type 'Load Balanced Web Service, Backend Service, Worker Service or Scheduled Job (short forms: lb-web-service, backend, worker, job)'
            cand --dockerfile 'Build the image from this Dockerfile'
            cand --image 'Run this existing image instead of building one'
            cand --port 'The port the container listens on (default: the Dockerfile''s EXPOSE)'
            cand --schedule 'When a Scheduled Job runs: @daily, @every 1h30m, rate(5 minutes), cron(0 12 * * ? *)'
            cand -e 'The environment to create a manifest for, when it has none'
            cand --env 'The environment to create a manifest for, when it has none'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --deploy 'Deploy the environment and the service once the manifests are written'
            cand -y 'Accept every proposed answer without asking'
            cand --yes 'Accept every proposed answer without asking'
            cand --no-input 'Never ask: a missing answer is an error naming its flag (the default without a terminal)'
            cand --force 'Overwrite manifests and workspace files that already exist'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;app'= {
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create the workspace: tug/.workspace, naming the application'
            cand ls 'List the applications deployed in this account and Region'
            cand show 'Show an application''s environments and workloads'
            cand delete 'Delete an application: its workloads, then its environments, then its ECR repositories'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;app;init'= {
            cand --domain 'The application''s domain, with a public hosted zone in Route 53 of the account: environments are `<env>.<app>.<domain>`, web services `<svc>.<env>.<app>.<domain>`, served over HTTPS with a managed certificate'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand -y 'Accept every proposed answer without asking'
            cand --yes 'Accept every proposed answer without asking'
            cand --no-input 'Never ask: a missing answer is an error naming its flag (the default without a terminal)'
            cand --force 'Overwrite manifests and workspace files that already exist'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;app;ls'= {
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;app;show'= {
            cand -n 'The application (default: the workspace''s)'
            cand --name 'The application (default: the workspace''s)'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;app;delete'= {
            cand -n 'The application (default: the workspace''s)'
            cand --name 'The application (default: the workspace''s)'
            cand --timeout 'Stop watching each stack after this long'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand -y 'Don''t ask (needed without a terminal)'
            cand --yes 'Don''t ask (needed without a terminal)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;app;help'= {
            cand init 'Create the workspace: tug/.workspace, naming the application'
            cand ls 'List the applications deployed in this account and Region'
            cand show 'Show an application''s environments and workloads'
            cand delete 'Delete an application: its workloads, then its environments, then its ECR repositories'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;app;help;init'= {
        }
        &'tug;app;help;ls'= {
        }
        &'tug;app;help;show'= {
        }
        &'tug;app;help;delete'= {
        }
        &'tug;app;help;help'= {
        }
        &'tug;validate'= {
            cand -e 'Check the manifests as they apply to this environment (default: every environment)'
            cand --env 'Check the manifests as they apply to this environment (default: every environment)'
            cand --format 'How to print the diagnostics (default: text, or json with --json). Under GitHub Actions (GITHUB_ACTIONS=true) text and json also print each diagnostic as a workflow command, on stderr'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;job'= {
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Write the manifest of a new Scheduled Job: tug/<name>/manifest.yml'
            cand run 'Start a run of a job now (its state machine), and with --wait exit with its result'
            cand logs 'Print the logs of a job''s last runs, merged in time order'
            cand deploy 'Deploy a job to an environment through a change set'
            cand ls 'List the jobs deployed for this application'
            cand show 'Show where a job is deployed (or, with --manifest, its effective manifest)'
            cand package 'Write the CloudFormation template and parameters a deploy of the job would send'
            cand delete 'Delete a job from one environment, or from every one it is deployed in'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;job;init'= {
            cand -n 'The job''s name (default: the Dockerfile''s folder name)'
            cand --name 'The job''s name (default: the Dockerfile''s folder name)'
            cand --schedule 'When it runs: @daily, @every 1h30m, rate(5 minutes), cron(0 12 * * ? *)'
            cand --dockerfile 'Build the image from this Dockerfile'
            cand --image 'Run this existing image instead of building one'
            cand --retries 'How many times to retry a failed run (0-10)'
            cand --timeout 'Stop a run still going after this long (e.g. 1h30m)'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand -y 'Accept every proposed answer without asking'
            cand --yes 'Accept every proposed answer without asking'
            cand --no-input 'Never ask: a missing answer is an error naming its flag (the default without a terminal)'
            cand --force 'Overwrite manifests and workspace files that already exist'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;job;run'= {
            cand -n 'The workload''s name (its folder under tug/)'
            cand --name 'The workload''s name (its folder under tug/)'
            cand -e 'The environment'
            cand --env 'The environment'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --wait 'Wait for the run to end and exit with its result: 0 when it succeeded, 1 when it failed, timed out or was aborted'
            cand -f 'Print the run''s log lines as they come until it ends, then exit as --wait does'
            cand --follow 'Print the run''s log lines as they come until it ends, then exit as --wait does'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;job;logs'= {
            cand -n 'The workload''s name (its folder under tug/)'
            cand --name 'The workload''s name (its folder under tug/)'
            cand -e 'The environment'
            cand --env 'The environment'
            cand --last 'How many of the last runs to print the logs of'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand -f 'Then keep printing new lines, of any run, until Ctrl-C'
            cand --follow 'Then keep printing new lines, of any run, until Ctrl-C'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;job;deploy'= {
            cand -n 'The workload''s name (its folder under tug/)'
            cand --name 'The workload''s name (its folder under tug/)'
            cand -e 'The environment'
            cand --env 'The environment'
            cand --tag 'The tag to push an `image.build` image with (default: the git short SHA, `-dirty` with uncommitted changes, else a timestamp); for `image.location`, deploy it with this tag instead of the one it names'
            cand --engine 'The container engine that builds `image.build` (default: TUG_CONTAINER_ENGINE, else the first of docker and podman on PATH)'
            cand --timeout 'Stop watching after this long (the deploy goes on in AWS)'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --diff 'Print the change set (added, modified, removed resources; replacements) and ask before executing it'
            cand -y 'Answer yes to the --diff question (needed without a terminal)'
            cand --yes 'Answer yes to the --diff question (needed without a terminal)'
            cand --detach 'Return as soon as the change set starts executing'
            cand --no-rollback 'Keep what a failed deploy created instead of rolling back, for debugging'
            cand --force 'Start a new ECS deployment of a service even when nothing changed; deploy a service on EC2 capacity even when the simulator finds tasks that cannot place'
            cand --no-wait 'Refuse instead of waiting when another deployment is changing the stack'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;job;ls'= {
            cand -e 'Only those in this environment'
            cand --env 'Only those in this environment'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;job;show'= {
            cand -n 'The workload''s name (its folder under tug/)'
            cand --name 'The workload''s name (its folder under tug/)'
            cand -e 'The environment'
            cand --env 'The environment'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --manifest 'Print the effective manifest: overrides merged, variables filled in, defaults applied'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;job;package'= {
            cand -n 'The workload''s name (its folder under tug/)'
            cand --name 'The workload''s name (its folder under tug/)'
            cand -e 'The environment'
            cand --env 'The environment'
            cand --output-dir 'Folder to write `tug-<app>-<env>-<svc>.yml` and `.params.json` into'
            cand --tag 'Image tag for a service built from `image.build`'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;job;delete'= {
            cand -n 'The workload''s name'
            cand --name 'The workload''s name'
            cand -e 'Only from this environment (default: every environment it is deployed in)'
            cand --env 'Only from this environment (default: every environment it is deployed in)'
            cand --timeout 'Stop watching after this long'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand -y 'Don''t ask (needed without a terminal)'
            cand --yes 'Don''t ask (needed without a terminal)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;job;help'= {
            cand init 'Write the manifest of a new Scheduled Job: tug/<name>/manifest.yml'
            cand run 'Start a run of a job now (its state machine), and with --wait exit with its result'
            cand logs 'Print the logs of a job''s last runs, merged in time order'
            cand deploy 'Deploy a job to an environment through a change set'
            cand ls 'List the jobs deployed for this application'
            cand show 'Show where a job is deployed (or, with --manifest, its effective manifest)'
            cand package 'Write the CloudFormation template and parameters a deploy of the job would send'
            cand delete 'Delete a job from one environment, or from every one it is deployed in'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;job;help;init'= {
        }
        &'tug;job;help;run'= {
        }
        &'tug;job;help;logs'= {
        }
        &'tug;job;help;deploy'= {
        }
        &'tug;job;help;ls'= {
        }
        &'tug;job;help;show'= {
        }
        &'tug;job;help;package'= {
        }
        &'tug;job;help;delete'= {
        }
        &'tug;job;help;help'= {
        }
        &'tug;env'= {
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Write the manifest of a new environment: tug/environments/<env>/manifest.yml'
            cand deploy 'Deploy an environment: create or update its stack through a change set'
            cand ls 'List the environments deployed for this application'
            cand show 'Show a deployed environment: its stack, outputs and workloads'
            cand delete 'Delete a deployed environment (refused while workloads run in it)'
            cand package 'Write the CloudFormation template and parameters a deploy of the environment would send'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;env;init'= {
            cand -n 'The environment''s name'
            cand --name 'The environment''s name'
            cand --import-vpc-id 'Import this existing VPC instead of creating one'
            cand --import-public-subnets 'The imported VPC''s public subnets (at least 2, comma-separated)'
            cand --import-private-subnets 'The imported VPC''s private subnets (at least 2, comma-separated)'
            cand --override-vpc-cidr 'The CIDR block of the VPC tug creates (default 10.0.0.0/16)'
            cand --override-az-names 'Availability Zones for the subnets tug creates (comma-separated, one per subnet pair)'
            cand --override-public-cidrs 'CIDR blocks of the public subnets, one per AZ (comma-separated)'
            cand --override-private-cidrs 'CIDR blocks of the private subnets, one per AZ (comma-separated)'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --default-config 'Use the default network: a new VPC across two Availability Zones'
            cand --container-insights 'Turn on CloudWatch Container Insights for the environment''s cluster'
            cand -y 'Accept every proposed answer without asking'
            cand --yes 'Accept every proposed answer without asking'
            cand --no-input 'Never ask: a missing answer is an error naming its flag (the default without a terminal)'
            cand --force 'Overwrite manifests and workspace files that already exist'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;env;deploy'= {
            cand -n 'The environment (its folder under tug/environments/)'
            cand --name 'The environment (its folder under tug/environments/)'
            cand --timeout 'Stop watching after this long (the deploy goes on in AWS)'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --diff 'Print the change set (added, modified, removed resources; replacements) and ask before executing it'
            cand -y 'Answer yes to the --diff question (needed without a terminal)'
            cand --yes 'Answer yes to the --diff question (needed without a terminal)'
            cand --detach 'Return as soon as the change set starts executing'
            cand --no-rollback 'Keep what a failed deploy created instead of rolling back, for debugging'
            cand --force 'Start a new ECS deployment of a service even when nothing changed; deploy a service on EC2 capacity even when the simulator finds tasks that cannot place'
            cand --no-wait 'Refuse instead of waiting when another deployment is changing the stack'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;env;ls'= {
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;env;show'= {
            cand -n 'The environment'
            cand --name 'The environment'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;env;delete'= {
            cand -n 'The environment'
            cand --name 'The environment'
            cand --timeout 'Stop watching after this long'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand -y 'Don''t ask (needed without a terminal)'
            cand --yes 'Don''t ask (needed without a terminal)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;env;package'= {
            cand -n 'The environment (its folder under tug/environments/)'
            cand --name 'The environment (its folder under tug/environments/)'
            cand --output-dir 'Folder to write `tug-<app>-<env>.yml` and `.params.json` into'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;env;help'= {
            cand init 'Write the manifest of a new environment: tug/environments/<env>/manifest.yml'
            cand deploy 'Deploy an environment: create or update its stack through a change set'
            cand ls 'List the environments deployed for this application'
            cand show 'Show a deployed environment: its stack, outputs and workloads'
            cand delete 'Delete a deployed environment (refused while workloads run in it)'
            cand package 'Write the CloudFormation template and parameters a deploy of the environment would send'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;env;help;init'= {
        }
        &'tug;env;help;deploy'= {
        }
        &'tug;env;help;ls'= {
        }
        &'tug;env;help;show'= {
        }
        &'tug;env;help;delete'= {
        }
        &'tug;env;help;package'= {
        }
        &'tug;env;help;help'= {
        }
        &'tug;svc'= {
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Write the manifest of a new service: tug/<name>/manifest.yml'
            cand deploy 'Deploy a service to an environment through a change set, and follow the rollout'
            cand ls 'List the services deployed for this application'
            cand show 'Show where a service is deployed (or, with --manifest, its effective manifest)'
            cand delete 'Delete a service from one environment, or from every one it is deployed in'
            cand status 'Show a deployed service: deployments, tasks, target health, stopped tasks, alarms'
            cand logs 'Print a service''s logs, merged across its tasks in time order'
            cand package 'Write the CloudFormation template and parameters a deploy of the service would send'
            cand exec 'Run a command (a shell by default) in a running task, through ECS Exec'
            cand scale 'Change the task count or the autoscaling range, through the stack'
            cand rollback 'Return a service to an earlier deploy through a change set, or list its revisions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;svc;init'= {
            cand -n 'The service''s name (default: the Dockerfile''s folder name)'
            cand --name 'The service''s name (default: the Dockerfile''s folder name)'
            cand -t 'Load Balanced Web Service, Backend Service or Worker Service (short forms: lb-web-service, backend, worker)'
            cand --type 'Load Balanced Web Service, Backend Service or Worker Service (short forms: lb-web-service, backend, worker)'
            cand --dockerfile 'Build the image from this Dockerfile'
            cand --image 'Run this existing image instead of building one'
            cand --port 'The port the container listens on (default: the Dockerfile''s EXPOSE)'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand -y 'Accept every proposed answer without asking'
            cand --yes 'Accept every proposed answer without asking'
            cand --no-input 'Never ask: a missing answer is an error naming its flag (the default without a terminal)'
            cand --force 'Overwrite manifests and workspace files that already exist'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;svc;deploy'= {
            cand -n 'The workload''s name (its folder under tug/)'
            cand --name 'The workload''s name (its folder under tug/)'
            cand -e 'The environment'
            cand --env 'The environment'
            cand --tag 'The tag to push an `image.build` image with (default: the git short SHA, `-dirty` with uncommitted changes, else a timestamp); for `image.location`, deploy it with this tag instead of the one it names'
            cand --engine 'The container engine that builds `image.build` (default: TUG_CONTAINER_ENGINE, else the first of docker and podman on PATH)'
            cand --timeout 'Stop watching after this long (the deploy goes on in AWS)'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --diff 'Print the change set (added, modified, removed resources; replacements) and ask before executing it'
            cand -y 'Answer yes to the --diff question (needed without a terminal)'
            cand --yes 'Answer yes to the --diff question (needed without a terminal)'
            cand --detach 'Return as soon as the change set starts executing'
            cand --no-rollback 'Keep what a failed deploy created instead of rolling back, for debugging'
            cand --force 'Start a new ECS deployment of a service even when nothing changed; deploy a service on EC2 capacity even when the simulator finds tasks that cannot place'
            cand --no-wait 'Refuse instead of waiting when another deployment is changing the stack'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;svc;ls'= {
            cand -e 'Only those in this environment'
            cand --env 'Only those in this environment'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;svc;show'= {
            cand -n 'The workload''s name (its folder under tug/)'
            cand --name 'The workload''s name (its folder under tug/)'
            cand -e 'The environment'
            cand --env 'The environment'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --manifest 'Print the effective manifest: overrides merged, variables filled in, defaults applied'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;svc;delete'= {
            cand -n 'The workload''s name'
            cand --name 'The workload''s name'
            cand -e 'Only from this environment (default: every environment it is deployed in)'
            cand --env 'Only from this environment (default: every environment it is deployed in)'
            cand --timeout 'Stop watching after this long'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand -y 'Don''t ask (needed without a terminal)'
            cand --yes 'Don''t ask (needed without a terminal)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;svc;status'= {
            cand -n 'The workload''s name (its folder under tug/)'
            cand --name 'The workload''s name (its folder under tug/)'
            cand -e 'The environment'
            cand --env 'The environment'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;svc;logs'= {
            cand -n 'The workload''s name (its folder under tug/)'
            cand --name 'The workload''s name (its folder under tug/)'
            cand -e 'The environment'
            cand --env 'The environment'
            cand --since 'Only lines newer than this: 30s, 10m, 3h, 2d (default: the last day)'
            cand --start-time 'Only lines at or after this time (RFC 3339: 2026-01-02T15:04:05Z)'
            cand --end-time 'Only lines before this time (RFC 3339)'
            cand --limit 'How many of the last lines to print'
            cand --tasks 'Only these tasks (ids or their first characters, comma-separated)'
            cand --container 'Only this container (default: every container)'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand -f 'Keep printing new lines until Ctrl-C'
            cand --follow 'Keep printing new lines until Ctrl-C'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;svc;package'= {
            cand -n 'The workload''s name (its folder under tug/)'
            cand --name 'The workload''s name (its folder under tug/)'
            cand -e 'The environment'
            cand --env 'The environment'
            cand --output-dir 'Folder to write `tug-<app>-<env>-<svc>.yml` and `.params.json` into'
            cand --tag 'Image tag for a service built from `image.build`'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;svc;exec'= {
            cand -n 'The workload''s name (its folder under tug/)'
            cand --name 'The workload''s name (its folder under tug/)'
            cand -e 'The environment'
            cand --env 'The environment'
            cand --task 'The task (its id or first characters; default: the first running task)'
            cand --container 'The container (default: the service''s main container)'
            cand --command 'What to run'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;svc;scale'= {
            cand -n 'The workload''s name (its folder under tug/)'
            cand --name 'The workload''s name (its folder under tug/)'
            cand -e 'The environment'
            cand --env 'The environment'
            cand --count 'Run this many tasks (a service without autoscaling)'
            cand --range 'Autoscale between MIN and MAX tasks (a service with `count.range`)'
            cand --timeout 'Stop watching after this long (the change goes on in AWS)'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand -y 'Don''t ask (needed without a terminal)'
            cand --yes 'Don''t ask (needed without a terminal)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;svc;rollback'= {
            cand -n 'The workload''s name (its folder under tug/)'
            cand --name 'The workload''s name (its folder under tug/)'
            cand -e 'The environment'
            cand --env 'The environment'
            cand --to 'The task definition revision whose deploy to go back to (default: the last one that ran as a completed deployment before the current one)'
            cand --timeout 'Stop watching after this long'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --list 'List the service''s task definition revisions and which can be rolled back to'
            cand -y 'Don''t ask (needed without a terminal)'
            cand --yes 'Don''t ask (needed without a terminal)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;svc;help'= {
            cand init 'Write the manifest of a new service: tug/<name>/manifest.yml'
            cand deploy 'Deploy a service to an environment through a change set, and follow the rollout'
            cand ls 'List the services deployed for this application'
            cand show 'Show where a service is deployed (or, with --manifest, its effective manifest)'
            cand delete 'Delete a service from one environment, or from every one it is deployed in'
            cand status 'Show a deployed service: deployments, tasks, target health, stopped tasks, alarms'
            cand logs 'Print a service''s logs, merged across its tasks in time order'
            cand package 'Write the CloudFormation template and parameters a deploy of the service would send'
            cand exec 'Run a command (a shell by default) in a running task, through ECS Exec'
            cand scale 'Change the task count or the autoscaling range, through the stack'
            cand rollback 'Return a service to an earlier deploy through a change set, or list its revisions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;svc;help;init'= {
        }
        &'tug;svc;help;deploy'= {
        }
        &'tug;svc;help;ls'= {
        }
        &'tug;svc;help;show'= {
        }
        &'tug;svc;help;delete'= {
        }
        &'tug;svc;help;status'= {
        }
        &'tug;svc;help;logs'= {
        }
        &'tug;svc;help;package'= {
        }
        &'tug;svc;help;exec'= {
        }
        &'tug;svc;help;scale'= {
        }
        &'tug;svc;help;rollback'= {
        }
        &'tug;svc;help;help'= {
        }
        &'tug;task'= {
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand run 'Run a one-off task in an environment: an image, or one built from a Dockerfile'
            cand ls 'List the task groups `task run` made'
            cand delete 'Delete a task group: its stack, task definitions and log group'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;task;run'= {
            cand -n 'The task group: names its task definition family, log group and image repository (default: the current folder''s name)'
            cand --name 'The task group: names its task definition family, log group and image repository (default: the current folder''s name)'
            cand -e 'The environment whose cluster, subnets and security group the task runs in'
            cand --env 'The environment whose cluster, subnets and security group the task runs in'
            cand --image 'Run this image'
            cand --dockerfile 'Build the image from this Dockerfile and push it (pinned by digest)'
            cand --build-context 'The build context (default: the Dockerfile''s folder)'
            cand --tag 'The tag to push the built image with (default: the git short SHA)'
            cand --engine 'The container engine that builds it (default: TUG_CONTAINER_ENGINE, else docker or podman from PATH)'
            cand --command 'The command to run instead of the image''s CMD, split as a shell splits words'
            cand --entrypoint 'The entrypoint to use instead of the image''s ENTRYPOINT, split as a shell does'
            cand --env-vars 'Environment variables'
            cand --secrets 'Secrets: SSM parameter names or ARNs, Secrets Manager ARNs'
            cand --cpu 'CPU units (1024 is one vCPU)'
            cand --memory 'Memory in MiB'
            cand --platform 'linux/x86_64 or linux/arm64'
            cand --count 'How many tasks to start (1-10)'
            cand --task-role 'The IAM role the task''s code acts as (default: a role with no permissions)'
            cand --timeout 'Stop waiting or following after this long (the task goes on)'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --default-vpc 'Run in the Region''s default VPC (its default subnets and security group, with a public IP) and the `default` ECS cluster, created when missing: no environment needed'
            cand --spot 'Run on Fargate Spot (cheaper; AWS may stop the task)'
            cand -f 'Print the task''s log lines until it stops (Ctrl-C stops following, not the task)'
            cand --follow 'Print the task''s log lines until it stops (Ctrl-C stops following, not the task)'
            cand --wait 'Wait for the task to stop and exit with its essential container''s exit code'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;task;ls'= {
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;task;delete'= {
            cand -n 'The task group'
            cand --name 'The task group'
            cand --timeout 'Stop watching after this long'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand -y 'Don''t ask (needed without a terminal)'
            cand --yes 'Don''t ask (needed without a terminal)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;task;help'= {
            cand run 'Run a one-off task in an environment: an image, or one built from a Dockerfile'
            cand ls 'List the task groups `task run` made'
            cand delete 'Delete a task group: its stack, task definitions and log group'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;task;help;run'= {
        }
        &'tug;task;help;ls'= {
        }
        &'tug;task;help;delete'= {
        }
        &'tug;task;help;help'= {
        }
        &'tug;storage'= {
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Write the CloudFormation of an S3 bucket, DynamoDB table or Aurora cluster that a workload uses: tug/<workload>/addons/<name>.yml'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;storage;init'= {
            cand -n 'The storage''s name: the bucket''s, table''s or cluster''s, and its file''s'
            cand --name 'The storage''s name: the bucket''s, table''s or cluster''s, and its file''s'
            cand -t 'The type of storage'
            cand --storage-type 'The type of storage'
            cand --type 'The type of storage'
            cand -w 'The service or job that uses the storage'
            cand --workload 'The service or job that uses the storage'
            cand -l 'Create and delete the storage with the workload or with the environment [default: workload]'
            cand --lifecycle 'Create and delete the storage with the workload or with the environment [default: workload]'
            cand --partition-key 'DynamoDB: the partition key, NAME:TYPE where TYPE is S, N or B (e.g. email:S)'
            cand --sort-key 'DynamoDB: the sort key, NAME:TYPE (e.g. createdAt:N)'
            cand --lsi 'DynamoDB: an alternate sort key (a local secondary index), NAME:TYPE; up to 5'
            cand --engine 'Aurora: the database engine'
            cand --initial-db 'Aurora: the database created with the cluster [default: the storage''s name, with _ for punctuation]'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --no-sort 'DynamoDB: no sort key, and no question about one'
            cand --no-lsi 'DynamoDB: no alternate sort keys, and no question about them'
            cand -y 'Accept every proposed answer without asking'
            cand --yes 'Accept every proposed answer without asking'
            cand --no-input 'Never ask: a missing answer is an error naming its flag (the default without a terminal)'
            cand --force 'Overwrite manifests and workspace files that already exist'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;storage;help'= {
            cand init 'Write the CloudFormation of an S3 bucket, DynamoDB table or Aurora cluster that a workload uses: tug/<workload>/addons/<name>.yml'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;storage;help;init'= {
        }
        &'tug;storage;help;help'= {
        }
        &'tug;deploy'= {
            cand -e 'The environment to deploy, then every workload in it'
            cand --env 'The environment to deploy, then every workload in it'
            cand -j 'How many workloads deploy at once'
            cand --max-parallel 'How many workloads deploy at once'
            cand --timeout 'Stop watching each stack after this long'
            cand --engine 'The container engine that builds `image.build` images (default: TUG_CONTAINER_ENGINE, else the first of docker and podman on PATH)'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --detach 'Return as soon as each change set starts executing'
            cand --no-rollback 'Keep what a failed deploy created instead of rolling back'
            cand --force 'Start new ECS deployments even when nothing changed; deploy services on EC2 capacity even when the simulator finds tasks that cannot place'
            cand --no-wait 'Refuse instead of waiting when another deployment is changing a stack'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;completions'= {
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;man'= {
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;sim'= {
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand run 'Place a scenario''s tasks and play its timeline'
            cand plan 'Place the workspace''s services in an environment, as a deploy would'
            cand fargate 'Check a Fargate task size and price it'
            cand gen 'Generate a large scenario (for benchmarks) on stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;sim;run'= {
            cand --seed 'Seed for the random choices (default: the scenario''s `seed`, else 0)'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --reference 'Use the plain reference placer (scans every instance for every task)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;sim;plan'= {
            cand -e 'The environment (EC2 capacity from its `capacity:`, Fargate AZs from its subnets)'
            cand --env 'The environment (EC2 capacity from its `capacity:`, Fargate AZs from its subnets)'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;sim;fargate'= {
            cand --cpu 'Task CPU units (256, 512, 1024, 2048, 4096, 8192, 16384)'
            cand --memory 'Task memory in MiB'
            cand --platform 'linux/x86_64, linux/arm64 or windows/x86_64'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;sim;gen'= {
            cand --instances 'Container instances'
            cand --tasks 'Tasks in all (two services)'
            cand --azs 'Availability Zones'
            cand --seed 'Seed written into the scenario'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --summary 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print more detail (repeat for more)'
            cand --verbose 'Print more detail (repeat for more)'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tug;sim;help'= {
            cand run 'Place a scenario''s tasks and play its timeline'
            cand plan 'Place the workspace''s services in an environment, as a deploy would'
            cand fargate 'Check a Fargate task size and price it'
            cand gen 'Generate a large scenario (for benchmarks) on stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;sim;help;run'= {
        }
        &'tug;sim;help;plan'= {
        }
        &'tug;sim;help;fargate'= {
        }
        &'tug;sim;help;gen'= {
        }
        &'tug;sim;help;help'= {
        }
        &'tug;help'= {
            cand init 'Set up this repository: a workspace, a service from a Dockerfile, an environment'
            cand app 'The application: create the workspace; list, show and delete what is deployed'
            cand validate 'Check manifests: syntax, fields, Fargate sizes and every Copilot rule'
            cand job 'Scheduled Jobs: create, deploy, run now, logs, list, show, delete, render CloudFormation'
            cand env 'Environments: create, deploy, list, show, delete, render CloudFormation'
            cand svc 'Services: create, deploy, list, show, status, logs, exec, scale, delete, render CloudFormation'
            cand task 'One-off tasks: run one in an environment; list and delete the task groups'
            cand storage 'Storage for a workload: an S3 bucket, a DynamoDB table or an Aurora cluster'
            cand deploy 'Deploy an environment, then every workload in it, in parallel'
            cand completions 'Print a shell completion script'
            cand man 'Print the manual page of tug or of one of its commands (`tug man svc deploy | man -l -`)'
            cand sim 'Simulate the ECS scheduler offline: placement, Fargate sizes, rollouts, scaling'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;help;init'= {
        }
        &'tug;help;app'= {
            cand init 'Create the workspace: tug/.workspace, naming the application'
            cand ls 'List the applications deployed in this account and Region'
            cand show 'Show an application''s environments and workloads'
            cand delete 'Delete an application: its workloads, then its environments, then its ECR repositories'
        }
        &'tug;help;app;init'= {
        }
        &'tug;help;app;ls'= {
        }
        &'tug;help;app;show'= {
        }
        &'tug;help;app;delete'= {
        }
        &'tug;help;validate'= {
        }
        &'tug;help;job'= {
            cand init 'Write the manifest of a new Scheduled Job: tug/<name>/manifest.yml'
            cand run 'Start a run of a job now (its state machine), and with --wait exit with its result'
            cand logs 'Print the logs of a job''s last runs, merged in time order'
            cand deploy 'Deploy a job to an environment through a change set'
            cand ls 'List the jobs deployed for this application'
            cand show 'Show where a job is deployed (or, with --manifest, its effective manifest)'
            cand package 'Write the CloudFormation template and parameters a deploy of the job would send'
            cand delete 'Delete a job from one environment, or from every one it is deployed in'
        }
        &'tug;help;job;init'= {
        }
        &'tug;help;job;run'= {
        }
        &'tug;help;job;logs'= {
        }
        &'tug;help;job;deploy'= {
        }
        &'tug;help;job;ls'= {
        }
        &'tug;help;job;show'= {
        }
        &'tug;help;job;package'= {
        }
        &'tug;help;job;delete'= {
        }
        &'tug;help;env'= {
            cand init 'Write the manifest of a new environment: tug/environments/<env>/manifest.yml'
            cand deploy 'Deploy an environment: create or update its stack through a change set'
            cand ls 'List the environments deployed for this application'
            cand show 'Show a deployed environment: its stack, outputs and workloads'
            cand delete 'Delete a deployed environment (refused while workloads run in it)'
            cand package 'Write the CloudFormation template and parameters a deploy of the environment would send'
        }
        &'tug;help;env;init'= {
        }
        &'tug;help;env;deploy'= {
        }
        &'tug;help;env;ls'= {
        }
        &'tug;help;env;show'= {
        }
        &'tug;help;env;delete'= {
        }
        &'tug;help;env;package'= {
        }
        &'tug;help;svc'= {
            cand init 'Write the manifest of a new service: tug/<name>/manifest.yml'
            cand deploy 'Deploy a service to an environment through a change set, and follow the rollout'
            cand ls 'List the services deployed for this application'
            cand show 'Show where a service is deployed (or, with --manifest, its effective manifest)'
            cand delete 'Delete a service from one environment, or from every one it is deployed in'
            cand status 'Show a deployed service: deployments, tasks, target health, stopped tasks, alarms'
            cand logs 'Print a service''s logs, merged across its tasks in time order'
            cand package 'Write the CloudFormation template and parameters a deploy of the service would send'
            cand exec 'Run a command (a shell by default) in a running task, through ECS Exec'
            cand scale 'Change the task count or the autoscaling range, through the stack'
            cand rollback 'Return a service to an earlier deploy through a change set, or list its revisions'
        }
        &'tug;help;svc;init'= {
        }
        &'tug;help;svc;deploy'= {
        }
        &'tug;help;svc;ls'= {
        }
        &'tug;help;svc;show'= {
        }
        &'tug;help;svc;delete'= {
        }
        &'tug;help;svc;status'= {
        }
        &'tug;help;svc;logs'= {
        }
        &'tug;help;svc;package'= {
        }
        &'tug;help;svc;exec'= {
        }
        &'tug;help;svc;scale'= {
        }
        &'tug;help;svc;rollback'= {
        }
        &'tug;help;task'= {
            cand run 'Run a one-off task in an environment: an image, or one built from a Dockerfile'
            cand ls 'List the task groups `task run` made'
            cand delete 'Delete a task group: its stack, task definitions and log group'
        }
        &'tug;help;task;run'= {
        }
        &'tug;help;task;ls'= {
        }
        &'tug;help;task;delete'= {
        }
        &'tug;help;storage'= {
            cand init 'Write the CloudFormation of an S3 bucket, DynamoDB table or Aurora cluster that a workload uses: tug/<workload>/addons/<name>.yml'
        }
        &'tug;help;storage;init'= {
        }
        &'tug;help;deploy'= {
        }
        &'tug;help;completions'= {
        }
        &'tug;help;man'= {
        }
        &'tug;help;sim'= {
            cand run 'Place a scenario''s tasks and play its timeline'
            cand plan 'Place the workspace''s services in an environment, as a deploy would'
            cand fargate 'Check a Fargate task size and price it'
            cand gen 'Generate a large scenario (for benchmarks) on stdout'
        }
        &'tug;help;sim;run'= {
        }
        &'tug;help;sim;plan'= {
        }
        &'tug;help;sim;fargate'= {
        }
        &'tug;help;sim;gen'= {
        }
        &'tug;help;help'= {
        }
    ]
    $completions[$command]
}
