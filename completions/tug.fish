# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_tug_global_optspecs
    string join \n C= json q/quiet v/verbose no-color region= profile= summary= h/help V/version
end

function __fish_tug_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_tug_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_tug_using_subcommand
    set -l cmd (__fish_tug_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c tug -n "__fish_tug_needs_command" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_needs_command" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_needs_command" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_needs_command" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_needs_command" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_needs_command" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_needs_command" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_needs_command" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tug -n "__fish_tug_needs_command" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_needs_command" -f -a "init" -d 'Set up this repository: a workspace, a service from a Dockerfile, an environment'
complete -c tug -n "__fish_tug_needs_command" -f -a "app" -d 'The application: create the workspace; list, show and delete what is deployed'
complete -c tug -n "__fish_tug_needs_command" -f -a "validate" -d 'Check manifests: syntax, fields, Fargate sizes and every Copilot rule'
complete -c tug -n "__fish_tug_needs_command" -f -a "job" -d 'Scheduled Jobs: create, deploy, run now, logs, list, show, delete, render CloudFormation'
complete -c tug -n "__fish_tug_needs_command" -f -a "env" -d 'Environments: create, deploy, list, show, delete, render CloudFormation'
complete -c tug -n "__fish_tug_needs_command" -f -a "svc" -d 'Services: create, deploy, list, show, status, logs, exec, scale, delete, render CloudFormation'
complete -c tug -n "__fish_tug_needs_command" -f -a "task" -d 'One-off tasks: run one in an environment; list and delete the task groups'
complete -c tug -n "__fish_tug_needs_command" -f -a "storage" -d 'Storage for a workload: an S3 bucket, a DynamoDB table or an Aurora cluster'
complete -c tug -n "__fish_tug_needs_command" -f -a "deploy" -d 'Deploy an environment, then every workload in it, in parallel'
complete -c tug -n "__fish_tug_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c tug -n "__fish_tug_needs_command" -f -a "man" -d 'Print the manual page of tug or of one of its commands (`tug man svc deploy | man -l -`)'
complete -c tug -n "__fish_tug_needs_command" -f -a "sim" -d 'Simulate the ECS scheduler offline: placement, Fargate sizes, rollouts, scaling'
complete -c tug -n "__fish_tug_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand init" -l app -d 'The application\'s name (default: the repository folder\'s name)' -r
complete -c tug -n "__fish_tug_using_subcommand init" -s n -l name -d 'The service\'s name (default: the Dockerfile\'s folder name)' -r
complete -c tug -n "__fish_tug_using_subcommand init" -s t -l type -d 'Load Balanced Web Service, Backend Service, Worker Service or Scheduled Job (short forms: lb-web-service, backend, worker, job)' -r
complete -c tug -n "__fish_tug_using_subcommand init" -l dockerfile -d 'Build the image from this Dockerfile' -r -F
complete -c tug -n "__fish_tug_using_subcommand init" -l image -d 'Run this existing image instead of building one' -r
complete -c tug -n "__fish_tug_using_subcommand init" -l port -d 'The port the container listens on (default: the Dockerfile\'s EXPOSE)' -r
complete -c tug -n "__fish_tug_using_subcommand init" -l schedule -d 'When a Scheduled Job runs: @daily, @every 1h30m, rate(5 minutes), cron(0 12 * * ? *)' -r
complete -c tug -n "__fish_tug_using_subcommand init" -s e -l env -d 'The environment to create a manifest for, when it has none' -r
complete -c tug -n "__fish_tug_using_subcommand init" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand init" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand init" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand init" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand init" -l deploy -d 'Deploy the environment and the service once the manifests are written'
complete -c tug -n "__fish_tug_using_subcommand init" -s y -l yes -d 'Accept every proposed answer without asking'
complete -c tug -n "__fish_tug_using_subcommand init" -l no-input -d 'Never ask: a missing answer is an error naming its flag (the default without a terminal)'
complete -c tug -n "__fish_tug_using_subcommand init" -l force -d 'Overwrite manifests and workspace files that already exist'
complete -c tug -n "__fish_tug_using_subcommand init" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand init" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand init" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand init" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand init" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand init" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from init ls show delete help" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from init ls show delete help" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from init ls show delete help" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from init ls show delete help" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from init ls show delete help" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from init ls show delete help" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from init ls show delete help" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from init ls show delete help" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from init ls show delete help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from init ls show delete help" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from init ls show delete help" -f -a "init" -d 'Create the workspace: tug/.workspace, naming the application'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from init ls show delete help" -f -a "ls" -d 'List the applications deployed in this account and Region'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from init ls show delete help" -f -a "show" -d 'Show an application\'s environments and workloads'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from init ls show delete help" -f -a "delete" -d 'Delete an application: its workloads, then its environments, then its ECR repositories'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from init ls show delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from init" -l domain -d 'The application\'s domain, with a public hosted zone in Route 53 of the account: environments are `<env>.<app>.<domain>`, web services `<svc>.<env>.<app>.<domain>`, served over HTTPS with a managed certificate' -r
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from init" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from init" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from init" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from init" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from init" -s y -l yes -d 'Accept every proposed answer without asking'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from init" -l no-input -d 'Never ask: a missing answer is an error naming its flag (the default without a terminal)'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from init" -l force -d 'Overwrite manifests and workspace files that already exist'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from init" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from init" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from ls" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from ls" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from ls" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from ls" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from ls" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from ls" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from show" -s n -l name -d 'The application (default: the workspace\'s)' -r
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from show" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from show" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from show" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from show" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from show" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from show" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from delete" -s n -l name -d 'The application (default: the workspace\'s)' -r
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from delete" -l timeout -d 'Stop watching each stack after this long' -r
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from delete" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from delete" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from delete" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from delete" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Don\'t ask (needed without a terminal)'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from delete" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from delete" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "init" -d 'Create the workspace: tug/.workspace, naming the application'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List the applications deployed in this account and Region'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show an application\'s environments and workloads'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete an application: its workloads, then its environments, then its ECR repositories'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand validate" -s e -l env -d 'Check the manifests as they apply to this environment (default: every environment)' -r
complete -c tug -n "__fish_tug_using_subcommand validate" -l format -d 'How to print the diagnostics (default: text, or json with --json). Under GitHub Actions (GITHUB_ACTIONS=true) text and json also print each diagnostic as a workflow command, on stderr' -r -f -a "text\t'Each diagnostic with its source line and a caret, on stderr'
json\t'One JSON document on stdout (docs/schemas/validate.json)'
github\t'GitHub Actions workflow commands (`::error file=...`) on stdout'
sarif\t'A SARIF 2.1.0 log on stdout, for code-scanning uploads'"
complete -c tug -n "__fish_tug_using_subcommand validate" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand validate" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand validate" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand validate" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand validate" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand validate" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand validate" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand validate" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tug -n "__fish_tug_using_subcommand validate" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand job; and not __fish_seen_subcommand_from init run logs deploy ls show package delete help" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand job; and not __fish_seen_subcommand_from init run logs deploy ls show package delete help" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and not __fish_seen_subcommand_from init run logs deploy ls show package delete help" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand job; and not __fish_seen_subcommand_from init run logs deploy ls show package delete help" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand job; and not __fish_seen_subcommand_from init run logs deploy ls show package delete help" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand job; and not __fish_seen_subcommand_from init run logs deploy ls show package delete help" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand job; and not __fish_seen_subcommand_from init run logs deploy ls show package delete help" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand job; and not __fish_seen_subcommand_from init run logs deploy ls show package delete help" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand job; and not __fish_seen_subcommand_from init run logs deploy ls show package delete help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand job; and not __fish_seen_subcommand_from init run logs deploy ls show package delete help" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand job; and not __fish_seen_subcommand_from init run logs deploy ls show package delete help" -f -a "init" -d 'Write the manifest of a new Scheduled Job: tug/<name>/manifest.yml'
complete -c tug -n "__fish_tug_using_subcommand job; and not __fish_seen_subcommand_from init run logs deploy ls show package delete help" -f -a "run" -d 'Start a run of a job now (its state machine), and with --wait exit with its result'
complete -c tug -n "__fish_tug_using_subcommand job; and not __fish_seen_subcommand_from init run logs deploy ls show package delete help" -f -a "logs" -d 'Print the logs of a job\'s last runs, merged in time order'
complete -c tug -n "__fish_tug_using_subcommand job; and not __fish_seen_subcommand_from init run logs deploy ls show package delete help" -f -a "deploy" -d 'Deploy a job to an environment through a change set'
complete -c tug -n "__fish_tug_using_subcommand job; and not __fish_seen_subcommand_from init run logs deploy ls show package delete help" -f -a "ls" -d 'List the jobs deployed for this application'
complete -c tug -n "__fish_tug_using_subcommand job; and not __fish_seen_subcommand_from init run logs deploy ls show package delete help" -f -a "show" -d 'Show where a job is deployed (or, with --manifest, its effective manifest)'
complete -c tug -n "__fish_tug_using_subcommand job; and not __fish_seen_subcommand_from init run logs deploy ls show package delete help" -f -a "package" -d 'Write the CloudFormation template and parameters a deploy of the job would send'
complete -c tug -n "__fish_tug_using_subcommand job; and not __fish_seen_subcommand_from init run logs deploy ls show package delete help" -f -a "delete" -d 'Delete a job from one environment, or from every one it is deployed in'
complete -c tug -n "__fish_tug_using_subcommand job; and not __fish_seen_subcommand_from init run logs deploy ls show package delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from init" -s n -l name -d 'The job\'s name (default: the Dockerfile\'s folder name)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from init" -l schedule -d 'When it runs: @daily, @every 1h30m, rate(5 minutes), cron(0 12 * * ? *)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from init" -l dockerfile -d 'Build the image from this Dockerfile' -r -F
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from init" -l image -d 'Run this existing image instead of building one' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from init" -l retries -d 'How many times to retry a failed run (0-10)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from init" -l timeout -d 'Stop a run still going after this long (e.g. 1h30m)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from init" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from init" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from init" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from init" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from init" -s y -l yes -d 'Accept every proposed answer without asking'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from init" -l no-input -d 'Never ask: a missing answer is an error naming its flag (the default without a terminal)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from init" -l force -d 'Overwrite manifests and workspace files that already exist'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from init" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from init" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from run" -s n -l name -d 'The workload\'s name (its folder under tug/)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from run" -s e -l env -d 'The environment' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from run" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from run" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from run" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from run" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from run" -l wait -d 'Wait for the run to end and exit with its result: 0 when it succeeded, 1 when it failed, timed out or was aborted'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from run" -s f -l follow -d 'Print the run\'s log lines as they come until it ends, then exit as --wait does'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from run" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from run" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from run" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from logs" -s n -l name -d 'The workload\'s name (its folder under tug/)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from logs" -s e -l env -d 'The environment' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from logs" -l last -d 'How many of the last runs to print the logs of' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from logs" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from logs" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from logs" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from logs" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Then keep printing new lines, of any run, until Ctrl-C'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from logs" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from logs" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from logs" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from logs" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from logs" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -s n -l name -d 'The workload\'s name (its folder under tug/)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -s e -l env -d 'The environment' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -l tag -d 'The tag to push an `image.build` image with (default: the git short SHA, `-dirty` with uncommitted changes, else a timestamp); for `image.location`, deploy it with this tag instead of the one it names' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -l engine -d 'The container engine that builds `image.build` (default: TUG_CONTAINER_ENGINE, else the first of docker and podman on PATH)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -l timeout -d 'Stop watching after this long (the deploy goes on in AWS)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -l diff -d 'Print the change set (added, modified, removed resources; replacements) and ask before executing it'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -s y -l yes -d 'Answer yes to the --diff question (needed without a terminal)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -l detach -d 'Return as soon as the change set starts executing'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -l no-rollback -d 'Keep what a failed deploy created instead of rolling back, for debugging'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -l force -d 'Start a new ECS deployment of a service even when nothing changed; deploy a service on EC2 capacity even when the simulator finds tasks that cannot place'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -l no-wait -d 'Refuse instead of waiting when another deployment is changing the stack'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from deploy" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from ls" -s e -l env -d 'Only those in this environment' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from ls" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from ls" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from ls" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from ls" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from ls" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from ls" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from show" -s n -l name -d 'The workload\'s name (its folder under tug/)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from show" -s e -l env -d 'The environment' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from show" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from show" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from show" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from show" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from show" -l manifest -d 'Print the effective manifest: overrides merged, variables filled in, defaults applied'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from show" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from show" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from package" -s n -l name -d 'The workload\'s name (its folder under tug/)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from package" -s e -l env -d 'The environment' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from package" -l output-dir -d 'Folder to write `tug-<app>-<env>-<svc>.yml` and `.params.json` into' -r -F
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from package" -l tag -d 'Image tag for a service built from `image.build`' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from package" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from package" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from package" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from package" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from package" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from package" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from package" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from package" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from package" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from package" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from delete" -s n -l name -d 'The workload\'s name' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from delete" -s e -l env -d 'Only from this environment (default: every environment it is deployed in)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from delete" -l timeout -d 'Stop watching after this long' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from delete" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from delete" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from delete" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from delete" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Don\'t ask (needed without a terminal)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from delete" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from delete" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write the manifest of a new Scheduled Job: tug/<name>/manifest.yml'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from help" -f -a "run" -d 'Start a run of a job now (its state machine), and with --wait exit with its result'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Print the logs of a job\'s last runs, merged in time order'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from help" -f -a "deploy" -d 'Deploy a job to an environment through a change set'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List the jobs deployed for this application'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show where a job is deployed (or, with --manifest, its effective manifest)'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from help" -f -a "package" -d 'Write the CloudFormation template and parameters a deploy of the job would send'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a job from one environment, or from every one it is deployed in'
complete -c tug -n "__fish_tug_using_subcommand job; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from init deploy ls show delete package help" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from init deploy ls show delete package help" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from init deploy ls show delete package help" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from init deploy ls show delete package help" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from init deploy ls show delete package help" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from init deploy ls show delete package help" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from init deploy ls show delete package help" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from init deploy ls show delete package help" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from init deploy ls show delete package help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from init deploy ls show delete package help" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from init deploy ls show delete package help" -f -a "init" -d 'Write the manifest of a new environment: tug/environments/<env>/manifest.yml'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from init deploy ls show delete package help" -f -a "deploy" -d 'Deploy an environment: create or update its stack through a change set'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from init deploy ls show delete package help" -f -a "ls" -d 'List the environments deployed for this application'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from init deploy ls show delete package help" -f -a "show" -d 'Show a deployed environment: its stack, outputs and workloads'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from init deploy ls show delete package help" -f -a "delete" -d 'Delete a deployed environment (refused while workloads run in it)'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from init deploy ls show delete package help" -f -a "package" -d 'Write the CloudFormation template and parameters a deploy of the environment would send'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from init deploy ls show delete package help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -s n -l name -d 'The environment\'s name' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -l import-vpc-id -d 'Import this existing VPC instead of creating one' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -l import-public-subnets -d 'The imported VPC\'s public subnets (at least 2, comma-separated)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -l import-private-subnets -d 'The imported VPC\'s private subnets (at least 2, comma-separated)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -l override-vpc-cidr -d 'The CIDR block of the VPC tug creates (default 10.0.0.0/16)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -l override-az-names -d 'Availability Zones for the subnets tug creates (comma-separated, one per subnet pair)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -l override-public-cidrs -d 'CIDR blocks of the public subnets, one per AZ (comma-separated)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -l override-private-cidrs -d 'CIDR blocks of the private subnets, one per AZ (comma-separated)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -l default-config -d 'Use the default network: a new VPC across two Availability Zones'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -l container-insights -d 'Turn on CloudWatch Container Insights for the environment\'s cluster'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -s y -l yes -d 'Accept every proposed answer without asking'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -l no-input -d 'Never ask: a missing answer is an error naming its flag (the default without a terminal)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -l force -d 'Overwrite manifests and workspace files that already exist'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -s n -l name -d 'The environment (its folder under tug/environments/)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -l timeout -d 'Stop watching after this long (the deploy goes on in AWS)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -l diff -d 'Print the change set (added, modified, removed resources; replacements) and ask before executing it'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -s y -l yes -d 'Answer yes to the --diff question (needed without a terminal)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -l detach -d 'Return as soon as the change set starts executing'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -l no-rollback -d 'Keep what a failed deploy created instead of rolling back, for debugging'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -l force -d 'Start a new ECS deployment of a service even when nothing changed; deploy a service on EC2 capacity even when the simulator finds tasks that cannot place'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -l no-wait -d 'Refuse instead of waiting when another deployment is changing the stack'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from ls" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from ls" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from ls" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from ls" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from ls" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from ls" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from show" -s n -l name -d 'The environment' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from show" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from show" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from show" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from show" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from show" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from show" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from delete" -s n -l name -d 'The environment' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from delete" -l timeout -d 'Stop watching after this long' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from delete" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from delete" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from delete" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from delete" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Don\'t ask (needed without a terminal)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from delete" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from delete" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from package" -s n -l name -d 'The environment (its folder under tug/environments/)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from package" -l output-dir -d 'Folder to write `tug-<app>-<env>.yml` and `.params.json` into' -r -F
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from package" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from package" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from package" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from package" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from package" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from package" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from package" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from package" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from package" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from package" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write the manifest of a new environment: tug/environments/<env>/manifest.yml'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "deploy" -d 'Deploy an environment: create or update its stack through a change set'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List the environments deployed for this application'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a deployed environment: its stack, outputs and workloads'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a deployed environment (refused while workloads run in it)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "package" -d 'Write the CloudFormation template and parameters a deploy of the environment would send'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -f -a "init" -d 'Write the manifest of a new service: tug/<name>/manifest.yml'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -f -a "deploy" -d 'Deploy a service to an environment through a change set, and follow the rollout'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -f -a "ls" -d 'List the services deployed for this application'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -f -a "show" -d 'Show where a service is deployed (or, with --manifest, its effective manifest)'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -f -a "delete" -d 'Delete a service from one environment, or from every one it is deployed in'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -f -a "status" -d 'Show a deployed service: deployments, tasks, target health, stopped tasks, alarms'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -f -a "logs" -d 'Print a service\'s logs, merged across its tasks in time order'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -f -a "package" -d 'Write the CloudFormation template and parameters a deploy of the service would send'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -f -a "exec" -d 'Run a command (a shell by default) in a running task, through ECS Exec'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -f -a "scale" -d 'Change the task count or the autoscaling range, through the stack'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -f -a "rollback" -d 'Return a service to an earlier deploy through a change set, or list its revisions'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from init deploy ls show delete status logs package exec scale rollback help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from init" -s n -l name -d 'The service\'s name (default: the Dockerfile\'s folder name)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from init" -s t -l type -d 'Load Balanced Web Service, Backend Service or Worker Service (short forms: lb-web-service, backend, worker)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from init" -l dockerfile -d 'Build the image from this Dockerfile' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from init" -l image -d 'Run this existing image instead of building one' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from init" -l port -d 'The port the container listens on (default: the Dockerfile\'s EXPOSE)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from init" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from init" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from init" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from init" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from init" -s y -l yes -d 'Accept every proposed answer without asking'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from init" -l no-input -d 'Never ask: a missing answer is an error naming its flag (the default without a terminal)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from init" -l force -d 'Overwrite manifests and workspace files that already exist'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from init" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from init" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -s n -l name -d 'The workload\'s name (its folder under tug/)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -s e -l env -d 'The environment' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l tag -d 'The tag to push an `image.build` image with (default: the git short SHA, `-dirty` with uncommitted changes, else a timestamp); for `image.location`, deploy it with this tag instead of the one it names' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l engine -d 'The container engine that builds `image.build` (default: TUG_CONTAINER_ENGINE, else the first of docker and podman on PATH)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l timeout -d 'Stop watching after this long (the deploy goes on in AWS)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l diff -d 'Print the change set (added, modified, removed resources; replacements) and ask before executing it'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -s y -l yes -d 'Answer yes to the --diff question (needed without a terminal)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l detach -d 'Return as soon as the change set starts executing'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l no-rollback -d 'Keep what a failed deploy created instead of rolling back, for debugging'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l force -d 'Start a new ECS deployment of a service even when nothing changed; deploy a service on EC2 capacity even when the simulator finds tasks that cannot place'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l no-wait -d 'Refuse instead of waiting when another deployment is changing the stack'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -s e -l env -d 'Only those in this environment' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -s n -l name -d 'The workload\'s name (its folder under tug/)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -s e -l env -d 'The environment' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -l manifest -d 'Print the effective manifest: overrides merged, variables filled in, defaults applied'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -s n -l name -d 'The workload\'s name' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -s e -l env -d 'Only from this environment (default: every environment it is deployed in)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -l timeout -d 'Stop watching after this long' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Don\'t ask (needed without a terminal)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -s n -l name -d 'The workload\'s name (its folder under tug/)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -s e -l env -d 'The environment' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -s n -l name -d 'The workload\'s name (its folder under tug/)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -s e -l env -d 'The environment' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -l since -d 'Only lines newer than this: 30s, 10m, 3h, 2d (default: the last day)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -l start-time -d 'Only lines at or after this time (RFC 3339: 2026-01-02T15:04:05Z)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -l end-time -d 'Only lines before this time (RFC 3339)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -l limit -d 'How many of the last lines to print' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -l tasks -d 'Only these tasks (ids or their first characters, comma-separated)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -l container -d 'Only this container (default: every container)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Keep printing new lines until Ctrl-C'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -s n -l name -d 'The workload\'s name (its folder under tug/)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -s e -l env -d 'The environment' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -l output-dir -d 'Folder to write `tug-<app>-<env>-<svc>.yml` and `.params.json` into' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -l tag -d 'Image tag for a service built from `image.build`' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from exec" -s n -l name -d 'The workload\'s name (its folder under tug/)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from exec" -s e -l env -d 'The environment' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from exec" -l task -d 'The task (its id or first characters; default: the first running task)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from exec" -l container -d 'The container (default: the service\'s main container)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from exec" -l command -d 'What to run' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from exec" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from exec" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from exec" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from exec" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from exec" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from exec" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from exec" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from exec" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from exec" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from scale" -s n -l name -d 'The workload\'s name (its folder under tug/)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from scale" -s e -l env -d 'The environment' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from scale" -l count -d 'Run this many tasks (a service without autoscaling)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from scale" -l range -d 'Autoscale between MIN and MAX tasks (a service with `count.range`)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from scale" -l timeout -d 'Stop watching after this long (the change goes on in AWS)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from scale" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from scale" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from scale" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from scale" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from scale" -s y -l yes -d 'Don\'t ask (needed without a terminal)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from scale" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from scale" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from scale" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from scale" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from scale" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from scale" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from rollback" -s n -l name -d 'The workload\'s name (its folder under tug/)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from rollback" -s e -l env -d 'The environment' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from rollback" -l to -d 'The task definition revision whose deploy to go back to (default: the last one that ran as a completed deployment before the current one)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from rollback" -l timeout -d 'Stop watching after this long' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from rollback" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from rollback" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from rollback" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from rollback" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from rollback" -l list -d 'List the service\'s task definition revisions and which can be rolled back to'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from rollback" -s y -l yes -d 'Don\'t ask (needed without a terminal)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from rollback" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from rollback" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from rollback" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from rollback" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from rollback" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from rollback" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write the manifest of a new service: tug/<name>/manifest.yml'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "deploy" -d 'Deploy a service to an environment through a change set, and follow the rollout'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List the services deployed for this application'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show where a service is deployed (or, with --manifest, its effective manifest)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a service from one environment, or from every one it is deployed in'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show a deployed service: deployments, tasks, target health, stopped tasks, alarms'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Print a service\'s logs, merged across its tasks in time order'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "package" -d 'Write the CloudFormation template and parameters a deploy of the service would send'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "exec" -d 'Run a command (a shell by default) in a running task, through ECS Exec'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "scale" -d 'Change the task count or the autoscaling range, through the stack'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "rollback" -d 'Return a service to an earlier deploy through a change set, or list its revisions'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand task; and not __fish_seen_subcommand_from run ls delete help" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand task; and not __fish_seen_subcommand_from run ls delete help" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand task; and not __fish_seen_subcommand_from run ls delete help" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand task; and not __fish_seen_subcommand_from run ls delete help" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand task; and not __fish_seen_subcommand_from run ls delete help" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand task; and not __fish_seen_subcommand_from run ls delete help" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand task; and not __fish_seen_subcommand_from run ls delete help" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand task; and not __fish_seen_subcommand_from run ls delete help" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand task; and not __fish_seen_subcommand_from run ls delete help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand task; and not __fish_seen_subcommand_from run ls delete help" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand task; and not __fish_seen_subcommand_from run ls delete help" -f -a "run" -d 'Run a one-off task in an environment: an image, or one built from a Dockerfile'
complete -c tug -n "__fish_tug_using_subcommand task; and not __fish_seen_subcommand_from run ls delete help" -f -a "ls" -d 'List the task groups `task run` made'
complete -c tug -n "__fish_tug_using_subcommand task; and not __fish_seen_subcommand_from run ls delete help" -f -a "delete" -d 'Delete a task group: its stack, task definitions and log group'
complete -c tug -n "__fish_tug_using_subcommand task; and not __fish_seen_subcommand_from run ls delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -s n -l name -d 'The task group: names its task definition family, log group and image repository (default: the current folder\'s name)' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -s e -l env -d 'The environment whose cluster, subnets and security group the task runs in' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l image -d 'Run this image' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l dockerfile -d 'Build the image from this Dockerfile and push it (pinned by digest)' -r -F
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l build-context -d 'The build context (default: the Dockerfile\'s folder)' -r -F
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l tag -d 'The tag to push the built image with (default: the git short SHA)' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l engine -d 'The container engine that builds it (default: TUG_CONTAINER_ENGINE, else docker or podman from PATH)' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l command -d 'The command to run instead of the image\'s CMD, split as a shell splits words' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l entrypoint -d 'The entrypoint to use instead of the image\'s ENTRYPOINT, split as a shell does' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l env-vars -d 'Environment variables' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l secrets -d 'Secrets: SSM parameter names or ARNs, Secrets Manager ARNs' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l cpu -d 'CPU units (1024 is one vCPU)' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l memory -d 'Memory in MiB' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l platform -d 'linux/x86_64 or linux/arm64' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l count -d 'How many tasks to start (1-10)' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l task-role -d 'The IAM role the task\'s code acts as (default: a role with no permissions)' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l timeout -d 'Stop waiting or following after this long (the task goes on)' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l default-vpc -d 'Run in the Region\'s default VPC (its default subnets and security group, with a public IP) and the `default` ECS cluster, created when missing: no environment needed'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l spot -d 'Run on Fargate Spot (cheaper; AWS may stop the task)'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -s f -l follow -d 'Print the task\'s log lines until it stops (Ctrl-C stops following, not the task)'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l wait -d 'Wait for the task to stop and exit with its essential container\'s exit code'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from ls" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from ls" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from ls" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from ls" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from ls" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from ls" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from delete" -s n -l name -d 'The task group' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from delete" -l timeout -d 'Stop watching after this long' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from delete" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from delete" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from delete" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from delete" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Don\'t ask (needed without a terminal)'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from delete" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from delete" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a one-off task in an environment: an image, or one built from a Dockerfile'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List the task groups `task run` made'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a task group: its stack, task definitions and log group'
complete -c tug -n "__fish_tug_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand storage; and not __fish_seen_subcommand_from init help" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand storage; and not __fish_seen_subcommand_from init help" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand storage; and not __fish_seen_subcommand_from init help" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand storage; and not __fish_seen_subcommand_from init help" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand storage; and not __fish_seen_subcommand_from init help" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand storage; and not __fish_seen_subcommand_from init help" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand storage; and not __fish_seen_subcommand_from init help" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand storage; and not __fish_seen_subcommand_from init help" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand storage; and not __fish_seen_subcommand_from init help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand storage; and not __fish_seen_subcommand_from init help" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand storage; and not __fish_seen_subcommand_from init help" -f -a "init" -d 'Write the CloudFormation of an S3 bucket, DynamoDB table or Aurora cluster that a workload uses: tug/<workload>/addons/<name>.yml'
complete -c tug -n "__fish_tug_using_subcommand storage; and not __fish_seen_subcommand_from init help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -s n -l name -d 'The storage\'s name: the bucket\'s, table\'s or cluster\'s, and its file\'s' -r
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -s t -l storage-type -l type -d 'The type of storage' -r -f -a "S3\t'An S3 bucket'
DynamoDB\t'A DynamoDB table'
Aurora\t'An Aurora Serverless v2 cluster (MySQL or PostgreSQL)'"
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -s w -l workload -d 'The service or job that uses the storage' -r
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -s l -l lifecycle -d 'Create and delete the storage with the workload or with the environment [default: workload]' -r -f -a "workload\t'With the workload: one per environment the workload is deployed to'
environment\t'With the environment; the workload gets access to it'"
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -l partition-key -d 'DynamoDB: the partition key, NAME:TYPE where TYPE is S, N or B (e.g. email:S)' -r
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -l sort-key -d 'DynamoDB: the sort key, NAME:TYPE (e.g. createdAt:N)' -r
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -l lsi -d 'DynamoDB: an alternate sort key (a local secondary index), NAME:TYPE; up to 5' -r
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -l engine -d 'Aurora: the database engine' -r -f -a "PostgreSQL\t''
MySQL\t''"
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -l initial-db -d 'Aurora: the database created with the cluster [default: the storage\'s name, with _ for punctuation]' -r
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -l no-sort -d 'DynamoDB: no sort key, and no question about one'
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -l no-lsi -d 'DynamoDB: no alternate sort keys, and no question about them'
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -s y -l yes -d 'Accept every proposed answer without asking'
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -l no-input -d 'Never ask: a missing answer is an error naming its flag (the default without a terminal)'
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -l force -d 'Overwrite manifests and workspace files that already exist'
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write the CloudFormation of an S3 bucket, DynamoDB table or Aurora cluster that a workload uses: tug/<workload>/addons/<name>.yml'
complete -c tug -n "__fish_tug_using_subcommand storage; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand deploy" -s e -l env -d 'The environment to deploy, then every workload in it' -r
complete -c tug -n "__fish_tug_using_subcommand deploy" -s j -l max-parallel -d 'How many workloads deploy at once' -r
complete -c tug -n "__fish_tug_using_subcommand deploy" -l timeout -d 'Stop watching each stack after this long' -r
complete -c tug -n "__fish_tug_using_subcommand deploy" -l engine -d 'The container engine that builds `image.build` images (default: TUG_CONTAINER_ENGINE, else the first of docker and podman on PATH)' -r
complete -c tug -n "__fish_tug_using_subcommand deploy" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand deploy" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand deploy" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand deploy" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand deploy" -l detach -d 'Return as soon as each change set starts executing'
complete -c tug -n "__fish_tug_using_subcommand deploy" -l no-rollback -d 'Keep what a failed deploy created instead of rolling back'
complete -c tug -n "__fish_tug_using_subcommand deploy" -l force -d 'Start new ECS deployments even when nothing changed; deploy services on EC2 capacity even when the simulator finds tasks that cannot place'
complete -c tug -n "__fish_tug_using_subcommand deploy" -l no-wait -d 'Refuse instead of waiting when another deployment is changing a stack'
complete -c tug -n "__fish_tug_using_subcommand deploy" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand deploy" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand deploy" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand deploy" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand deploy" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand deploy" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand completions" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand completions" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand completions" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand completions" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand completions" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand completions" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand completions" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand completions" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand completions" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand completions" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand man" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand man" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand man" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand man" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand man" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand man" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand man" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand man" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand man" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand man" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand sim; and not __fish_seen_subcommand_from run plan fargate gen help" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand sim; and not __fish_seen_subcommand_from run plan fargate gen help" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand sim; and not __fish_seen_subcommand_from run plan fargate gen help" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand sim; and not __fish_seen_subcommand_from run plan fargate gen help" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand sim; and not __fish_seen_subcommand_from run plan fargate gen help" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand sim; and not __fish_seen_subcommand_from run plan fargate gen help" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand sim; and not __fish_seen_subcommand_from run plan fargate gen help" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand sim; and not __fish_seen_subcommand_from run plan fargate gen help" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand sim; and not __fish_seen_subcommand_from run plan fargate gen help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tug -n "__fish_tug_using_subcommand sim; and not __fish_seen_subcommand_from run plan fargate gen help" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand sim; and not __fish_seen_subcommand_from run plan fargate gen help" -f -a "run" -d 'Place a scenario\'s tasks and play its timeline'
complete -c tug -n "__fish_tug_using_subcommand sim; and not __fish_seen_subcommand_from run plan fargate gen help" -f -a "plan" -d 'Place the workspace\'s services in an environment, as a deploy would'
complete -c tug -n "__fish_tug_using_subcommand sim; and not __fish_seen_subcommand_from run plan fargate gen help" -f -a "fargate" -d 'Check a Fargate task size and price it'
complete -c tug -n "__fish_tug_using_subcommand sim; and not __fish_seen_subcommand_from run plan fargate gen help" -f -a "gen" -d 'Generate a large scenario (for benchmarks) on stdout'
complete -c tug -n "__fish_tug_using_subcommand sim; and not __fish_seen_subcommand_from run plan fargate gen help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from run" -l seed -d 'Seed for the random choices (default: the scenario\'s `seed`, else 0)' -r
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from run" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from run" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from run" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from run" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from run" -l reference -d 'Use the plain reference placer (scans every instance for every task)'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from run" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from run" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from run" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from plan" -s e -l env -d 'The environment (EC2 capacity from its `capacity:`, Fargate AZs from its subnets)' -r
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from plan" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from plan" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from plan" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from plan" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from plan" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from plan" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from plan" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from plan" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from plan" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from plan" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from fargate" -l cpu -d 'Task CPU units (256, 512, 1024, 2048, 4096, 8192, 16384)' -r
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from fargate" -l memory -d 'Task memory in MiB' -r
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from fargate" -l platform -d 'linux/x86_64, linux/arm64 or windows/x86_64' -r
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from fargate" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from fargate" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from fargate" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from fargate" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from fargate" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from fargate" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from fargate" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from fargate" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from fargate" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from fargate" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from gen" -l instances -d 'Container instances' -r
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from gen" -l tasks -d 'Tasks in all (two services)' -r
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from gen" -l azs -d 'Availability Zones' -r
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from gen" -l seed -d 'Seed written into the scenario' -r
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from gen" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from gen" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from gen" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from gen" -l summary -d 'Append a Markdown summary of the command\'s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY' -r -F
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from gen" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from gen" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from gen" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from gen" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from gen" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from gen" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from help" -f -a "run" -d 'Place a scenario\'s tasks and play its timeline'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from help" -f -a "plan" -d 'Place the workspace\'s services in an environment, as a deploy would'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from help" -f -a "fargate" -d 'Check a Fargate task size and price it'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from help" -f -a "gen" -d 'Generate a large scenario (for benchmarks) on stdout'
complete -c tug -n "__fish_tug_using_subcommand sim; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from init app validate job env svc task storage deploy completions man sim help" -f -a "init" -d 'Set up this repository: a workspace, a service from a Dockerfile, an environment'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from init app validate job env svc task storage deploy completions man sim help" -f -a "app" -d 'The application: create the workspace; list, show and delete what is deployed'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from init app validate job env svc task storage deploy completions man sim help" -f -a "validate" -d 'Check manifests: syntax, fields, Fargate sizes and every Copilot rule'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from init app validate job env svc task storage deploy completions man sim help" -f -a "job" -d 'Scheduled Jobs: create, deploy, run now, logs, list, show, delete, render CloudFormation'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from init app validate job env svc task storage deploy completions man sim help" -f -a "env" -d 'Environments: create, deploy, list, show, delete, render CloudFormation'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from init app validate job env svc task storage deploy completions man sim help" -f -a "svc" -d 'Services: create, deploy, list, show, status, logs, exec, scale, delete, render CloudFormation'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from init app validate job env svc task storage deploy completions man sim help" -f -a "task" -d 'One-off tasks: run one in an environment; list and delete the task groups'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from init app validate job env svc task storage deploy completions man sim help" -f -a "storage" -d 'Storage for a workload: an S3 bucket, a DynamoDB table or an Aurora cluster'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from init app validate job env svc task storage deploy completions man sim help" -f -a "deploy" -d 'Deploy an environment, then every workload in it, in parallel'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from init app validate job env svc task storage deploy completions man sim help" -f -a "completions" -d 'Print a shell completion script'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from init app validate job env svc task storage deploy completions man sim help" -f -a "man" -d 'Print the manual page of tug or of one of its commands (`tug man svc deploy | man -l -`)'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from init app validate job env svc task storage deploy completions man sim help" -f -a "sim" -d 'Simulate the ECS scheduler offline: placement, Fargate sizes, rollouts, scaling'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from init app validate job env svc task storage deploy completions man sim help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "init" -d 'Create the workspace: tug/.workspace, naming the application'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "ls" -d 'List the applications deployed in this account and Region'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "show" -d 'Show an application\'s environments and workloads'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "delete" -d 'Delete an application: its workloads, then its environments, then its ECR repositories'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from job" -f -a "init" -d 'Write the manifest of a new Scheduled Job: tug/<name>/manifest.yml'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from job" -f -a "run" -d 'Start a run of a job now (its state machine), and with --wait exit with its result'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from job" -f -a "logs" -d 'Print the logs of a job\'s last runs, merged in time order'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from job" -f -a "deploy" -d 'Deploy a job to an environment through a change set'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from job" -f -a "ls" -d 'List the jobs deployed for this application'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from job" -f -a "show" -d 'Show where a job is deployed (or, with --manifest, its effective manifest)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from job" -f -a "package" -d 'Write the CloudFormation template and parameters a deploy of the job would send'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from job" -f -a "delete" -d 'Delete a job from one environment, or from every one it is deployed in'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "init" -d 'Write the manifest of a new environment: tug/environments/<env>/manifest.yml'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "deploy" -d 'Deploy an environment: create or update its stack through a change set'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "ls" -d 'List the environments deployed for this application'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "show" -d 'Show a deployed environment: its stack, outputs and workloads'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "delete" -d 'Delete a deployed environment (refused while workloads run in it)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "package" -d 'Write the CloudFormation template and parameters a deploy of the environment would send'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from svc" -f -a "init" -d 'Write the manifest of a new service: tug/<name>/manifest.yml'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from svc" -f -a "deploy" -d 'Deploy a service to an environment through a change set, and follow the rollout'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from svc" -f -a "ls" -d 'List the services deployed for this application'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from svc" -f -a "show" -d 'Show where a service is deployed (or, with --manifest, its effective manifest)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from svc" -f -a "delete" -d 'Delete a service from one environment, or from every one it is deployed in'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from svc" -f -a "status" -d 'Show a deployed service: deployments, tasks, target health, stopped tasks, alarms'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from svc" -f -a "logs" -d 'Print a service\'s logs, merged across its tasks in time order'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from svc" -f -a "package" -d 'Write the CloudFormation template and parameters a deploy of the service would send'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from svc" -f -a "exec" -d 'Run a command (a shell by default) in a running task, through ECS Exec'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from svc" -f -a "scale" -d 'Change the task count or the autoscaling range, through the stack'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from svc" -f -a "rollback" -d 'Return a service to an earlier deploy through a change set, or list its revisions'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "run" -d 'Run a one-off task in an environment: an image, or one built from a Dockerfile'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "ls" -d 'List the task groups `task run` made'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "delete" -d 'Delete a task group: its stack, task definitions and log group'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from storage" -f -a "init" -d 'Write the CloudFormation of an S3 bucket, DynamoDB table or Aurora cluster that a workload uses: tug/<workload>/addons/<name>.yml'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from sim" -f -a "run" -d 'Place a scenario\'s tasks and play its timeline'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from sim" -f -a "plan" -d 'Place the workspace\'s services in an environment, as a deploy would'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from sim" -f -a "fargate" -d 'Check a Fargate task size and price it'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from sim" -f -a "gen" -d 'Generate a large scenario (for benchmarks) on stdout'
