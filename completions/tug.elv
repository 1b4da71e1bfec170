
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
            cand validate 'Check manifests: syntax, fields, Fargate sizes and every Copilot rule'
            cand app 'Applications: list, show and delete what is deployed'
            cand env 'Environments: deploy, list, show, delete, render CloudFormation'
            cand svc 'Services: deploy, list, show, status, logs, delete, render CloudFormation'
            cand deploy 'Deploy an environment, then every workload in it, in parallel'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;validate'= {
            cand -e 'Check the manifests as they apply to this environment (default: every environment)'
            cand --env 'Check the manifests as they apply to this environment (default: every environment)'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
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
            cand ls 'List the applications deployed in this account and Region'
            cand show 'Show an application''s environments and workloads'
            cand delete 'Delete an application: its workloads, then its environments, then its ECR repositories'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;app;ls'= {
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
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
            cand ls 'List the applications deployed in this account and Region'
            cand show 'Show an application''s environments and workloads'
            cand delete 'Delete an application: its workloads, then its environments, then its ECR repositories'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;app;help;ls'= {
        }
        &'tug;app;help;show'= {
        }
        &'tug;app;help;delete'= {
        }
        &'tug;app;help;help'= {
        }
        &'tug;env'= {
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
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
            cand deploy 'Deploy an environment: create or update its stack through a change set'
            cand ls 'List the environments deployed for this application'
            cand show 'Show a deployed environment: its stack, outputs and workloads'
            cand delete 'Delete a deployed environment (refused while workloads run in it)'
            cand package 'Write the CloudFormation template and parameters a deploy of the environment would send'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;env;deploy'= {
            cand -n 'The environment (its folder under tug/environments/)'
            cand --name 'The environment (its folder under tug/environments/)'
            cand --timeout 'Stop watching after this long (the deploy goes on in AWS)'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --diff 'Print the change set (added, modified, removed resources; replacements) and ask before executing it'
            cand -y 'Answer yes to the --diff question (needed without a terminal)'
            cand --yes 'Answer yes to the --diff question (needed without a terminal)'
            cand --detach 'Return as soon as the change set starts executing'
            cand --no-rollback 'Keep what a failed deploy created instead of rolling back, for debugging'
            cand --force 'Start a new ECS deployment of a service even when nothing changed'
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
            cand deploy 'Deploy an environment: create or update its stack through a change set'
            cand ls 'List the environments deployed for this application'
            cand show 'Show a deployed environment: its stack, outputs and workloads'
            cand delete 'Delete a deployed environment (refused while workloads run in it)'
            cand package 'Write the CloudFormation template and parameters a deploy of the environment would send'
            cand help 'Print this message or the help of the given subcommand(s)'
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
            cand deploy 'Deploy a service to an environment through a change set, and follow the rollout'
            cand ls 'List the services deployed for this application'
            cand show 'Show where a service is deployed (or, with --manifest, its effective manifest)'
            cand delete 'Delete a service from one environment, or from every one it is deployed in'
            cand status 'Show a deployed service: deployments, tasks, target health, stopped tasks, alarms'
            cand logs 'Print a service''s logs, merged across its tasks in time order'
            cand package 'Write the CloudFormation template and parameters a deploy of the service would send'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;svc;deploy'= {
            cand -n 'The service''s name (its folder under tug/)'
            cand --name 'The service''s name (its folder under tug/)'
            cand -e 'The environment'
            cand --env 'The environment'
            cand --tag 'Deploy `image.location` with this tag instead of the one it names'
            cand --timeout 'Stop watching after this long (the deploy goes on in AWS)'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --diff 'Print the change set (added, modified, removed resources; replacements) and ask before executing it'
            cand -y 'Answer yes to the --diff question (needed without a terminal)'
            cand --yes 'Answer yes to the --diff question (needed without a terminal)'
            cand --detach 'Return as soon as the change set starts executing'
            cand --no-rollback 'Keep what a failed deploy created instead of rolling back, for debugging'
            cand --force 'Start a new ECS deployment of a service even when nothing changed'
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
            cand -e 'Only services in this environment'
            cand --env 'Only services in this environment'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
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
            cand -n 'The service''s name (its folder under tug/)'
            cand --name 'The service''s name (its folder under tug/)'
            cand -e 'The environment'
            cand --env 'The environment'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
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
            cand -n 'The service'
            cand --name 'The service'
            cand -e 'Only from this environment (default: every environment it is deployed in)'
            cand --env 'Only from this environment (default: every environment it is deployed in)'
            cand --timeout 'Stop watching after this long'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
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
            cand -n 'The service''s name (its folder under tug/)'
            cand --name 'The service''s name (its folder under tug/)'
            cand -e 'The environment'
            cand --env 'The environment'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
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
            cand -n 'The service''s name (its folder under tug/)'
            cand --name 'The service''s name (its folder under tug/)'
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
            cand -n 'The service''s name (its folder under tug/)'
            cand --name 'The service''s name (its folder under tug/)'
            cand -e 'The environment'
            cand --env 'The environment'
            cand --output-dir 'Folder to write `tug-<app>-<env>-<svc>.yml` and `.params.json` into'
            cand --tag 'Image tag for a service built from `image.build`'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
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
            cand deploy 'Deploy a service to an environment through a change set, and follow the rollout'
            cand ls 'List the services deployed for this application'
            cand show 'Show where a service is deployed (or, with --manifest, its effective manifest)'
            cand delete 'Delete a service from one environment, or from every one it is deployed in'
            cand status 'Show a deployed service: deployments, tasks, target health, stopped tasks, alarms'
            cand logs 'Print a service''s logs, merged across its tasks in time order'
            cand package 'Write the CloudFormation template and parameters a deploy of the service would send'
            cand help 'Print this message or the help of the given subcommand(s)'
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
        &'tug;svc;help;help'= {
        }
        &'tug;deploy'= {
            cand -e 'The environment to deploy, then every workload in it'
            cand --env 'The environment to deploy, then every workload in it'
            cand -j 'How many workloads deploy at once'
            cand --max-parallel 'How many workloads deploy at once'
            cand --timeout 'Stop watching each stack after this long'
            cand -C 'Run as if tug was started in DIR'
            cand --region 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)'
            cand --profile 'AWS named profile (default: AWS_PROFILE, else "default")'
            cand --detach 'Return as soon as each change set starts executing'
            cand --no-rollback 'Keep what a failed deploy created instead of rolling back'
            cand --force 'Start new ECS deployments even when nothing changed'
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
        &'tug;help'= {
            cand validate 'Check manifests: syntax, fields, Fargate sizes and every Copilot rule'
            cand app 'Applications: list, show and delete what is deployed'
            cand env 'Environments: deploy, list, show, delete, render CloudFormation'
            cand svc 'Services: deploy, list, show, status, logs, delete, render CloudFormation'
            cand deploy 'Deploy an environment, then every workload in it, in parallel'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;help;validate'= {
        }
        &'tug;help;app'= {
            cand ls 'List the applications deployed in this account and Region'
            cand show 'Show an application''s environments and workloads'
            cand delete 'Delete an application: its workloads, then its environments, then its ECR repositories'
        }
        &'tug;help;app;ls'= {
        }
        &'tug;help;app;show'= {
        }
        &'tug;help;app;delete'= {
        }
        &'tug;help;env'= {
            cand deploy 'Deploy an environment: create or update its stack through a change set'
            cand ls 'List the environments deployed for this application'
            cand show 'Show a deployed environment: its stack, outputs and workloads'
            cand delete 'Delete a deployed environment (refused while workloads run in it)'
            cand package 'Write the CloudFormation template and parameters a deploy of the environment would send'
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
            cand deploy 'Deploy a service to an environment through a change set, and follow the rollout'
            cand ls 'List the services deployed for this application'
            cand show 'Show where a service is deployed (or, with --manifest, its effective manifest)'
            cand delete 'Delete a service from one environment, or from every one it is deployed in'
            cand status 'Show a deployed service: deployments, tasks, target health, stopped tasks, alarms'
            cand logs 'Print a service''s logs, merged across its tasks in time order'
            cand package 'Write the CloudFormation template and parameters a deploy of the service would send'
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
        &'tug;help;deploy'= {
        }
        &'tug;help;completions'= {
        }
        &'tug;help;help'= {
        }
    ]
    $completions[$command]
}
