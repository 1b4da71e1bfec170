# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_tug_global_optspecs
    string join \n C= json q/quiet v/verbose no-color region= profile= h/help V/version
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
complete -c tug -n "__fish_tug_needs_command" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_needs_command" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_needs_command" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_needs_command" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tug -n "__fish_tug_needs_command" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_needs_command" -f -a "validate" -d 'Check manifests: syntax, fields, Fargate sizes and every Copilot rule'
complete -c tug -n "__fish_tug_needs_command" -f -a "app" -d 'Applications: list, show and delete what is deployed'
complete -c tug -n "__fish_tug_needs_command" -f -a "env" -d 'Environments: deploy, list, show, delete, render CloudFormation'
complete -c tug -n "__fish_tug_needs_command" -f -a "svc" -d 'Services: deploy, list, show, status, logs, delete, render CloudFormation'
complete -c tug -n "__fish_tug_needs_command" -f -a "deploy" -d 'Deploy an environment, then every workload in it, in parallel'
complete -c tug -n "__fish_tug_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c tug -n "__fish_tug_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand validate" -s e -l env -d 'Check the manifests as they apply to this environment (default: every environment)' -r
complete -c tug -n "__fish_tug_using_subcommand validate" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand validate" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand validate" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand validate" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand validate" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand validate" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand validate" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand validate" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand validate" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from ls show delete help" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from ls show delete help" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from ls show delete help" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from ls show delete help" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from ls show delete help" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from ls show delete help" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from ls show delete help" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from ls show delete help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from ls show delete help" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from ls show delete help" -f -a "ls" -d 'List the applications deployed in this account and Region'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from ls show delete help" -f -a "show" -d 'Show an application\'s environments and workloads'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from ls show delete help" -f -a "delete" -d 'Delete an application: its workloads, then its environments, then its ECR repositories'
complete -c tug -n "__fish_tug_using_subcommand app; and not __fish_seen_subcommand_from ls show delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from ls" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from ls" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from ls" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
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
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Don\'t ask (needed without a terminal)'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from delete" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from delete" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List the applications deployed in this account and Region'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show an application\'s environments and workloads'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete an application: its workloads, then its environments, then its ECR repositories'
complete -c tug -n "__fish_tug_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from deploy ls show delete package help" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from deploy ls show delete package help" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from deploy ls show delete package help" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from deploy ls show delete package help" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from deploy ls show delete package help" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from deploy ls show delete package help" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from deploy ls show delete package help" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from deploy ls show delete package help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from deploy ls show delete package help" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from deploy ls show delete package help" -f -a "deploy" -d 'Deploy an environment: create or update its stack through a change set'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from deploy ls show delete package help" -f -a "ls" -d 'List the environments deployed for this application'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from deploy ls show delete package help" -f -a "show" -d 'Show a deployed environment: its stack, outputs and workloads'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from deploy ls show delete package help" -f -a "delete" -d 'Delete a deployed environment (refused while workloads run in it)'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from deploy ls show delete package help" -f -a "package" -d 'Write the CloudFormation template and parameters a deploy of the environment would send'
complete -c tug -n "__fish_tug_using_subcommand env; and not __fish_seen_subcommand_from deploy ls show delete package help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -s n -l name -d 'The environment (its folder under tug/environments/)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -l timeout -d 'Stop watching after this long (the deploy goes on in AWS)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -l diff -d 'Print the change set (added, modified, removed resources; replacements) and ask before executing it'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -s y -l yes -d 'Answer yes to the --diff question (needed without a terminal)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -l detach -d 'Return as soon as the change set starts executing'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -l no-rollback -d 'Keep what a failed deploy created instead of rolling back, for debugging'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -l force -d 'Start a new ECS deployment of a service even when nothing changed'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from deploy" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from ls" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from ls" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from ls" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
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
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from package" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from package" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from package" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from package" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from package" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from package" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "deploy" -d 'Deploy an environment: create or update its stack through a change set'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List the environments deployed for this application'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a deployed environment: its stack, outputs and workloads'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a deployed environment (refused while workloads run in it)'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "package" -d 'Write the CloudFormation template and parameters a deploy of the environment would send'
complete -c tug -n "__fish_tug_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from deploy ls show delete status logs package help" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from deploy ls show delete status logs package help" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from deploy ls show delete status logs package help" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from deploy ls show delete status logs package help" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from deploy ls show delete status logs package help" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from deploy ls show delete status logs package help" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from deploy ls show delete status logs package help" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from deploy ls show delete status logs package help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from deploy ls show delete status logs package help" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from deploy ls show delete status logs package help" -f -a "deploy" -d 'Deploy a service to an environment through a change set, and follow the rollout'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from deploy ls show delete status logs package help" -f -a "ls" -d 'List the services deployed for this application'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from deploy ls show delete status logs package help" -f -a "show" -d 'Show where a service is deployed (or, with --manifest, its effective manifest)'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from deploy ls show delete status logs package help" -f -a "delete" -d 'Delete a service from one environment, or from every one it is deployed in'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from deploy ls show delete status logs package help" -f -a "status" -d 'Show a deployed service: deployments, tasks, target health, stopped tasks, alarms'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from deploy ls show delete status logs package help" -f -a "logs" -d 'Print a service\'s logs, merged across its tasks in time order'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from deploy ls show delete status logs package help" -f -a "package" -d 'Write the CloudFormation template and parameters a deploy of the service would send'
complete -c tug -n "__fish_tug_using_subcommand svc; and not __fish_seen_subcommand_from deploy ls show delete status logs package help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -s n -l name -d 'The service\'s name (its folder under tug/)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -s e -l env -d 'The environment' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l tag -d 'Deploy `image.location` with this tag instead of the one it names' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l timeout -d 'Stop watching after this long (the deploy goes on in AWS)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l diff -d 'Print the change set (added, modified, removed resources; replacements) and ask before executing it'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -s y -l yes -d 'Answer yes to the --diff question (needed without a terminal)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l detach -d 'Return as soon as the change set starts executing'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l no-rollback -d 'Keep what a failed deploy created instead of rolling back, for debugging'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l force -d 'Start a new ECS deployment of a service even when nothing changed'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from deploy" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -s e -l env -d 'Only services in this environment' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -s n -l name -d 'The service\'s name (its folder under tug/)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -s e -l env -d 'The environment' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -l manifest -d 'Print the effective manifest: overrides merged, variables filled in, defaults applied'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -s n -l name -d 'The service' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -s e -l env -d 'Only from this environment (default: every environment it is deployed in)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -l timeout -d 'Stop watching after this long' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Don\'t ask (needed without a terminal)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -s n -l name -d 'The service\'s name (its folder under tug/)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -s e -l env -d 'The environment' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -s n -l name -d 'The service\'s name (its folder under tug/)' -r
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
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Keep printing new lines until Ctrl-C'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from logs" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -s n -l name -d 'The service\'s name (its folder under tug/)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -s e -l env -d 'The environment' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -l output-dir -d 'Folder to write `tug-<app>-<env>-<svc>.yml` and `.params.json` into' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -l tag -d 'Image tag for a service built from `image.build`' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from package" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "deploy" -d 'Deploy a service to an environment through a change set, and follow the rollout'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List the services deployed for this application'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show where a service is deployed (or, with --manifest, its effective manifest)'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a service from one environment, or from every one it is deployed in'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show a deployed service: deployments, tasks, target health, stopped tasks, alarms'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Print a service\'s logs, merged across its tasks in time order'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "package" -d 'Write the CloudFormation template and parameters a deploy of the service would send'
complete -c tug -n "__fish_tug_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand deploy" -s e -l env -d 'The environment to deploy, then every workload in it' -r
complete -c tug -n "__fish_tug_using_subcommand deploy" -s j -l max-parallel -d 'How many workloads deploy at once' -r
complete -c tug -n "__fish_tug_using_subcommand deploy" -l timeout -d 'Stop watching each stack after this long' -r
complete -c tug -n "__fish_tug_using_subcommand deploy" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand deploy" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand deploy" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand deploy" -l detach -d 'Return as soon as each change set starts executing'
complete -c tug -n "__fish_tug_using_subcommand deploy" -l no-rollback -d 'Keep what a failed deploy created instead of rolling back'
complete -c tug -n "__fish_tug_using_subcommand deploy" -l force -d 'Start new ECS deployments even when nothing changed'
complete -c tug -n "__fish_tug_using_subcommand deploy" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand deploy" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand deploy" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand deploy" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand deploy" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand deploy" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand completions" -s C -d 'Run as if tug was started in DIR' -r -F
complete -c tug -n "__fish_tug_using_subcommand completions" -l region -d 'AWS Region (default: the AWS SDK\'s chain: AWS_REGION, profile, instance metadata)' -r
complete -c tug -n "__fish_tug_using_subcommand completions" -l profile -d 'AWS named profile (default: AWS_PROFILE, else "default")' -r
complete -c tug -n "__fish_tug_using_subcommand completions" -l json -d 'Print machine-readable JSON on stdout'
complete -c tug -n "__fish_tug_using_subcommand completions" -s q -l quiet -d 'Print only errors'
complete -c tug -n "__fish_tug_using_subcommand completions" -s v -l verbose -d 'Print more detail (repeat for more)'
complete -c tug -n "__fish_tug_using_subcommand completions" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c tug -n "__fish_tug_using_subcommand completions" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand completions" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from validate app env svc deploy completions help" -f -a "validate" -d 'Check manifests: syntax, fields, Fargate sizes and every Copilot rule'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from validate app env svc deploy completions help" -f -a "app" -d 'Applications: list, show and delete what is deployed'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from validate app env svc deploy completions help" -f -a "env" -d 'Environments: deploy, list, show, delete, render CloudFormation'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from validate app env svc deploy completions help" -f -a "svc" -d 'Services: deploy, list, show, status, logs, delete, render CloudFormation'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from validate app env svc deploy completions help" -f -a "deploy" -d 'Deploy an environment, then every workload in it, in parallel'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from validate app env svc deploy completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from validate app env svc deploy completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "ls" -d 'List the applications deployed in this account and Region'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "show" -d 'Show an application\'s environments and workloads'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "delete" -d 'Delete an application: its workloads, then its environments, then its ECR repositories'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "deploy" -d 'Deploy an environment: create or update its stack through a change set'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "ls" -d 'List the environments deployed for this application'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "show" -d 'Show a deployed environment: its stack, outputs and workloads'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "delete" -d 'Delete a deployed environment (refused while workloads run in it)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "package" -d 'Write the CloudFormation template and parameters a deploy of the environment would send'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from svc" -f -a "deploy" -d 'Deploy a service to an environment through a change set, and follow the rollout'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from svc" -f -a "ls" -d 'List the services deployed for this application'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from svc" -f -a "show" -d 'Show where a service is deployed (or, with --manifest, its effective manifest)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from svc" -f -a "delete" -d 'Delete a service from one environment, or from every one it is deployed in'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from svc" -f -a "status" -d 'Show a deployed service: deployments, tasks, target health, stopped tasks, alarms'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from svc" -f -a "logs" -d 'Print a service\'s logs, merged across its tasks in time order'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from svc" -f -a "package" -d 'Write the CloudFormation template and parameters a deploy of the service would send'
