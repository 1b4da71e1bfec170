
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'tug' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'tug'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'tug' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Set up this repository: a workspace, a service from a Dockerfile, an environment')
            [CompletionResult]::new('app', 'app', [CompletionResultType]::ParameterValue, 'The application: create the workspace; list, show and delete what is deployed')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check manifests: syntax, fields, Fargate sizes and every Copilot rule')
            [CompletionResult]::new('job', 'job', [CompletionResultType]::ParameterValue, 'Scheduled Jobs: create, deploy, run now, logs, list, show, delete, render CloudFormation')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Environments: create, deploy, list, show, delete, render CloudFormation')
            [CompletionResult]::new('svc', 'svc', [CompletionResultType]::ParameterValue, 'Services: create, deploy, list, show, status, logs, exec, scale, delete, render CloudFormation')
            [CompletionResult]::new('task', 'task', [CompletionResultType]::ParameterValue, 'One-off tasks: run one in an environment; list and delete the task groups')
            [CompletionResult]::new('storage', 'storage', [CompletionResultType]::ParameterValue, 'Storage for a workload: an S3 bucket, a DynamoDB table or an Aurora cluster')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy an environment, then every workload in it, in parallel')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the manual page of tug or of one of its commands (`tug man svc deploy | man -l -`)')
            [CompletionResult]::new('sim', 'sim', [CompletionResultType]::ParameterValue, 'Simulate the ECS scheduler offline: placement, Fargate sizes, rollouts, scaling')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;init' {
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The application''s name (default: the repository folder''s name)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The service''s name (default: the Dockerfile''s folder name)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service''s name (default: the Dockerfile''s folder name)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Load Balanced Web Service, Backend Service, Worker Service or Scheduled Job (short forms: lb-web-service, backend, worker, job)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Load Balanced Web Service, Backend Service, Worker Service or Scheduled Job (short forms: lb-web-service, backend, worker, job)')
            [CompletionResult]::new('--dockerfile', '--dockerfile', [CompletionResultType]::ParameterName, 'Build the image from this Dockerfile')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'Run this existing image instead of building one')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The port the container listens on (default: the Dockerfile''s EXPOSE)')
            [CompletionResult]::new('--schedule', '--schedule', [CompletionResultType]::ParameterName, 'When a Scheduled Job runs: @daily, @every 1h30m, rate(5 minutes), cron(0 12 * * ? *)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment to create a manifest for, when it has none')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment to create a manifest for, when it has none')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--deploy', '--deploy', [CompletionResultType]::ParameterName, 'Deploy the environment and the service once the manifests are written')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Accept every proposed answer without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Accept every proposed answer without asking')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never ask: a missing answer is an error naming its flag (the default without a terminal)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite manifests and workspace files that already exist')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;app' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the workspace: tug/.workspace, naming the application')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the applications deployed in this account and Region')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an application''s environments and workloads')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete an application: its workloads, then its environments, then its ECR repositories')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;app;init' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'The application''s domain, with a public hosted zone in Route 53 of the account: environments are `<env>.<app>.<domain>`, web services `<svc>.<env>.<app>.<domain>`, served over HTTPS with a managed certificate')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Accept every proposed answer without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Accept every proposed answer without asking')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never ask: a missing answer is an error naming its flag (the default without a terminal)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite manifests and workspace files that already exist')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;app;ls' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;app;show' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The application (default: the workspace''s)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The application (default: the workspace''s)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;app;delete' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The application (default: the workspace''s)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The application (default: the workspace''s)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop watching each stack after this long')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Don''t ask (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Don''t ask (needed without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;app;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the workspace: tug/.workspace, naming the application')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the applications deployed in this account and Region')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an application''s environments and workloads')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete an application: its workloads, then its environments, then its ECR repositories')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;app;help;init' {
            break
        }
        'tug;app;help;ls' {
            break
        }
        'tug;app;help;show' {
            break
        }
        'tug;app;help;delete' {
            break
        }
        'tug;app;help;help' {
            break
        }
        'tug;validate' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Check the manifests as they apply to this environment (default: every environment)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Check the manifests as they apply to this environment (default: every environment)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print the diagnostics (default: text, or json with --json). Under GitHub Actions (GITHUB_ACTIONS=true) text and json also print each diagnostic as a workflow command, on stderr')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;job' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the manifest of a new Scheduled Job: tug/<name>/manifest.yml')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Start a run of a job now (its state machine), and with --wait exit with its result')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print the logs of a job''s last runs, merged in time order')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy a job to an environment through a change set')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the jobs deployed for this application')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show where a job is deployed (or, with --manifest, its effective manifest)')
            [CompletionResult]::new('package', 'package', [CompletionResultType]::ParameterValue, 'Write the CloudFormation template and parameters a deploy of the job would send')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a job from one environment, or from every one it is deployed in')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;job;init' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The job''s name (default: the Dockerfile''s folder name)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The job''s name (default: the Dockerfile''s folder name)')
            [CompletionResult]::new('--schedule', '--schedule', [CompletionResultType]::ParameterName, 'When it runs: @daily, @every 1h30m, rate(5 minutes), cron(0 12 * * ? *)')
            [CompletionResult]::new('--dockerfile', '--dockerfile', [CompletionResultType]::ParameterName, 'Build the image from this Dockerfile')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'Run this existing image instead of building one')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a failed run (0-10)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop a run still going after this long (e.g. 1h30m)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Accept every proposed answer without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Accept every proposed answer without asking')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never ask: a missing answer is an error naming its flag (the default without a terminal)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite manifests and workspace files that already exist')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;job;run' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the run to end and exit with its result: 0 when it succeeded, 1 when it failed, timed out or was aborted')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Print the run''s log lines as they come until it ends, then exit as --wait does')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Print the run''s log lines as they come until it ends, then exit as --wait does')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;job;logs' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--last', '--last', [CompletionResultType]::ParameterName, 'How many of the last runs to print the logs of')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Then keep printing new lines, of any run, until Ctrl-C')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Then keep printing new lines, of any run, until Ctrl-C')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;job;deploy' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'The tag to push an `image.build` image with (default: the git short SHA, `-dirty` with uncommitted changes, else a timestamp); for `image.location`, deploy it with this tag instead of the one it names')
            [CompletionResult]::new('--engine', '--engine', [CompletionResultType]::ParameterName, 'The container engine that builds `image.build` (default: TUG_CONTAINER_ENGINE, else the first of docker and podman on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop watching after this long (the deploy goes on in AWS)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--diff', '--diff', [CompletionResultType]::ParameterName, 'Print the change set (added, modified, removed resources; replacements) and ask before executing it')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the --diff question (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the --diff question (needed without a terminal)')
            [CompletionResult]::new('--detach', '--detach', [CompletionResultType]::ParameterName, 'Return as soon as the change set starts executing')
            [CompletionResult]::new('--no-rollback', '--no-rollback', [CompletionResultType]::ParameterName, 'Keep what a failed deploy created instead of rolling back, for debugging')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Start a new ECS deployment of a service even when nothing changed; deploy a service on EC2 capacity even when the simulator finds tasks that cannot place')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Refuse instead of waiting when another deployment is changing the stack')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;job;ls' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Only those in this environment')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Only those in this environment')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;job;show' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'Print the effective manifest: overrides merged, variables filled in, defaults applied')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;job;package' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Folder to write `tug-<app>-<env>-<svc>.yml` and `.params.json` into')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Image tag for a service built from `image.build`')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;job;delete' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The workload''s name')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The workload''s name')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Only from this environment (default: every environment it is deployed in)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Only from this environment (default: every environment it is deployed in)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop watching after this long')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Don''t ask (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Don''t ask (needed without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;job;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the manifest of a new Scheduled Job: tug/<name>/manifest.yml')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Start a run of a job now (its state machine), and with --wait exit with its result')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print the logs of a job''s last runs, merged in time order')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy a job to an environment through a change set')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the jobs deployed for this application')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show where a job is deployed (or, with --manifest, its effective manifest)')
            [CompletionResult]::new('package', 'package', [CompletionResultType]::ParameterValue, 'Write the CloudFormation template and parameters a deploy of the job would send')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a job from one environment, or from every one it is deployed in')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;job;help;init' {
            break
        }
        'tug;job;help;run' {
            break
        }
        'tug;job;help;logs' {
            break
        }
        'tug;job;help;deploy' {
            break
        }
        'tug;job;help;ls' {
            break
        }
        'tug;job;help;show' {
            break
        }
        'tug;job;help;package' {
            break
        }
        'tug;job;help;delete' {
            break
        }
        'tug;job;help;help' {
            break
        }
        'tug;env' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the manifest of a new environment: tug/environments/<env>/manifest.yml')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy an environment: create or update its stack through a change set')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the environments deployed for this application')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a deployed environment: its stack, outputs and workloads')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a deployed environment (refused while workloads run in it)')
            [CompletionResult]::new('package', 'package', [CompletionResultType]::ParameterValue, 'Write the CloudFormation template and parameters a deploy of the environment would send')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;env;init' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The environment''s name')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The environment''s name')
            [CompletionResult]::new('--import-vpc-id', '--import-vpc-id', [CompletionResultType]::ParameterName, 'Import this existing VPC instead of creating one')
            [CompletionResult]::new('--import-public-subnets', '--import-public-subnets', [CompletionResultType]::ParameterName, 'The imported VPC''s public subnets (at least 2, comma-separated)')
            [CompletionResult]::new('--import-private-subnets', '--import-private-subnets', [CompletionResultType]::ParameterName, 'The imported VPC''s private subnets (at least 2, comma-separated)')
            [CompletionResult]::new('--override-vpc-cidr', '--override-vpc-cidr', [CompletionResultType]::ParameterName, 'The CIDR block of the VPC tug creates (default 10.0.0.0/16)')
            [CompletionResult]::new('--override-az-names', '--override-az-names', [CompletionResultType]::ParameterName, 'Availability Zones for the subnets tug creates (comma-separated, one per subnet pair)')
            [CompletionResult]::new('--override-public-cidrs', '--override-public-cidrs', [CompletionResultType]::ParameterName, 'CIDR blocks of the public subnets, one per AZ (comma-separated)')
            [CompletionResult]::new('--override-private-cidrs', '--override-private-cidrs', [CompletionResultType]::ParameterName, 'CIDR blocks of the private subnets, one per AZ (comma-separated)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--default-config', '--default-config', [CompletionResultType]::ParameterName, 'Use the default network: a new VPC across two Availability Zones')
            [CompletionResult]::new('--container-insights', '--container-insights', [CompletionResultType]::ParameterName, 'Turn on CloudWatch Container Insights for the environment''s cluster')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Accept every proposed answer without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Accept every proposed answer without asking')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never ask: a missing answer is an error naming its flag (the default without a terminal)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite manifests and workspace files that already exist')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;env;deploy' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The environment (its folder under tug/environments/)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The environment (its folder under tug/environments/)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop watching after this long (the deploy goes on in AWS)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--diff', '--diff', [CompletionResultType]::ParameterName, 'Print the change set (added, modified, removed resources; replacements) and ask before executing it')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the --diff question (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the --diff question (needed without a terminal)')
            [CompletionResult]::new('--detach', '--detach', [CompletionResultType]::ParameterName, 'Return as soon as the change set starts executing')
            [CompletionResult]::new('--no-rollback', '--no-rollback', [CompletionResultType]::ParameterName, 'Keep what a failed deploy created instead of rolling back, for debugging')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Start a new ECS deployment of a service even when nothing changed; deploy a service on EC2 capacity even when the simulator finds tasks that cannot place')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Refuse instead of waiting when another deployment is changing the stack')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;env;ls' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;env;show' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;env;delete' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop watching after this long')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Don''t ask (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Don''t ask (needed without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;env;package' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The environment (its folder under tug/environments/)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The environment (its folder under tug/environments/)')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Folder to write `tug-<app>-<env>.yml` and `.params.json` into')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;env;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the manifest of a new environment: tug/environments/<env>/manifest.yml')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy an environment: create or update its stack through a change set')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the environments deployed for this application')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a deployed environment: its stack, outputs and workloads')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a deployed environment (refused while workloads run in it)')
            [CompletionResult]::new('package', 'package', [CompletionResultType]::ParameterValue, 'Write the CloudFormation template and parameters a deploy of the environment would send')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;env;help;init' {
            break
        }
        'tug;env;help;deploy' {
            break
        }
        'tug;env;help;ls' {
            break
        }
        'tug;env;help;show' {
            break
        }
        'tug;env;help;delete' {
            break
        }
        'tug;env;help;package' {
            break
        }
        'tug;env;help;help' {
            break
        }
        'tug;svc' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the manifest of a new service: tug/<name>/manifest.yml')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy a service to an environment through a change set, and follow the rollout')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the services deployed for this application')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show where a service is deployed (or, with --manifest, its effective manifest)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a service from one environment, or from every one it is deployed in')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show a deployed service: deployments, tasks, target health, stopped tasks, alarms')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print a service''s logs, merged across its tasks in time order')
            [CompletionResult]::new('package', 'package', [CompletionResultType]::ParameterValue, 'Write the CloudFormation template and parameters a deploy of the service would send')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command (a shell by default) in a running task, through ECS Exec')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Change the task count or the autoscaling range, through the stack')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Return a service to an earlier deploy through a change set, or list its revisions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;svc;init' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The service''s name (default: the Dockerfile''s folder name)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service''s name (default: the Dockerfile''s folder name)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Load Balanced Web Service, Backend Service or Worker Service (short forms: lb-web-service, backend, worker)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Load Balanced Web Service, Backend Service or Worker Service (short forms: lb-web-service, backend, worker)')
            [CompletionResult]::new('--dockerfile', '--dockerfile', [CompletionResultType]::ParameterName, 'Build the image from this Dockerfile')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'Run this existing image instead of building one')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The port the container listens on (default: the Dockerfile''s EXPOSE)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Accept every proposed answer without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Accept every proposed answer without asking')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never ask: a missing answer is an error naming its flag (the default without a terminal)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite manifests and workspace files that already exist')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;svc;deploy' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'The tag to push an `image.build` image with (default: the git short SHA, `-dirty` with uncommitted changes, else a timestamp); for `image.location`, deploy it with this tag instead of the one it names')
            [CompletionResult]::new('--engine', '--engine', [CompletionResultType]::ParameterName, 'The container engine that builds `image.build` (default: TUG_CONTAINER_ENGINE, else the first of docker and podman on PATH)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop watching after this long (the deploy goes on in AWS)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--diff', '--diff', [CompletionResultType]::ParameterName, 'Print the change set (added, modified, removed resources; replacements) and ask before executing it')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the --diff question (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the --diff question (needed without a terminal)')
            [CompletionResult]::new('--detach', '--detach', [CompletionResultType]::ParameterName, 'Return as soon as the change set starts executing')
            [CompletionResult]::new('--no-rollback', '--no-rollback', [CompletionResultType]::ParameterName, 'Keep what a failed deploy created instead of rolling back, for debugging')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Start a new ECS deployment of a service even when nothing changed; deploy a service on EC2 capacity even when the simulator finds tasks that cannot place')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Refuse instead of waiting when another deployment is changing the stack')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;svc;ls' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Only those in this environment')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Only those in this environment')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;svc;show' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'Print the effective manifest: overrides merged, variables filled in, defaults applied')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;svc;delete' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The workload''s name')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The workload''s name')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Only from this environment (default: every environment it is deployed in)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Only from this environment (default: every environment it is deployed in)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop watching after this long')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Don''t ask (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Don''t ask (needed without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;svc;status' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;svc;logs' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only lines newer than this: 30s, 10m, 3h, 2d (default: the last day)')
            [CompletionResult]::new('--start-time', '--start-time', [CompletionResultType]::ParameterName, 'Only lines at or after this time (RFC 3339: 2026-01-02T15:04:05Z)')
            [CompletionResult]::new('--end-time', '--end-time', [CompletionResultType]::ParameterName, 'Only lines before this time (RFC 3339)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many of the last lines to print')
            [CompletionResult]::new('--tasks', '--tasks', [CompletionResultType]::ParameterName, 'Only these tasks (ids or their first characters, comma-separated)')
            [CompletionResult]::new('--container', '--container', [CompletionResultType]::ParameterName, 'Only this container (default: every container)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep printing new lines until Ctrl-C')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep printing new lines until Ctrl-C')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;svc;package' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Folder to write `tug-<app>-<env>-<svc>.yml` and `.params.json` into')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Image tag for a service built from `image.build`')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;svc;exec' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--task', '--task', [CompletionResultType]::ParameterName, 'The task (its id or first characters; default: the first running task)')
            [CompletionResult]::new('--container', '--container', [CompletionResultType]::ParameterName, 'The container (default: the service''s main container)')
            [CompletionResult]::new('--command', '--command', [CompletionResultType]::ParameterName, 'What to run')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;svc;scale' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Run this many tasks (a service without autoscaling)')
            [CompletionResult]::new('--range', '--range', [CompletionResultType]::ParameterName, 'Autoscale between MIN and MAX tasks (a service with `count.range`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop watching after this long (the change goes on in AWS)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Don''t ask (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Don''t ask (needed without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;svc;rollback' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The workload''s name (its folder under tug/)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The task definition revision whose deploy to go back to (default: the last one that ran as a completed deployment before the current one)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop watching after this long')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List the service''s task definition revisions and which can be rolled back to')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Don''t ask (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Don''t ask (needed without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;svc;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the manifest of a new service: tug/<name>/manifest.yml')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy a service to an environment through a change set, and follow the rollout')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the services deployed for this application')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show where a service is deployed (or, with --manifest, its effective manifest)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a service from one environment, or from every one it is deployed in')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show a deployed service: deployments, tasks, target health, stopped tasks, alarms')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print a service''s logs, merged across its tasks in time order')
            [CompletionResult]::new('package', 'package', [CompletionResultType]::ParameterValue, 'Write the CloudFormation template and parameters a deploy of the service would send')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command (a shell by default) in a running task, through ECS Exec')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Change the task count or the autoscaling range, through the stack')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Return a service to an earlier deploy through a change set, or list its revisions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;svc;help;init' {
            break
        }
        'tug;svc;help;deploy' {
            break
        }
        'tug;svc;help;ls' {
            break
        }
        'tug;svc;help;show' {
            break
        }
        'tug;svc;help;delete' {
            break
        }
        'tug;svc;help;status' {
            break
        }
        'tug;svc;help;logs' {
            break
        }
        'tug;svc;help;package' {
            break
        }
        'tug;svc;help;exec' {
            break
        }
        'tug;svc;help;scale' {
            break
        }
        'tug;svc;help;rollback' {
            break
        }
        'tug;svc;help;help' {
            break
        }
        'tug;task' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a one-off task in an environment: an image, or one built from a Dockerfile')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the task groups `task run` made')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a task group: its stack, task definitions and log group')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;task;run' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The task group: names its task definition family, log group and image repository (default: the current folder''s name)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The task group: names its task definition family, log group and image repository (default: the current folder''s name)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment whose cluster, subnets and security group the task runs in')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment whose cluster, subnets and security group the task runs in')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'Run this image')
            [CompletionResult]::new('--dockerfile', '--dockerfile', [CompletionResultType]::ParameterName, 'Build the image from this Dockerfile and push it (pinned by digest)')
            [CompletionResult]::new('--build-context', '--build-context', [CompletionResultType]::ParameterName, 'The build context (default: the Dockerfile''s folder)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'The tag to push the built image with (default: the git short SHA)')
            [CompletionResult]::new('--engine', '--engine', [CompletionResultType]::ParameterName, 'The container engine that builds it (default: TUG_CONTAINER_ENGINE, else docker or podman from PATH)')
            [CompletionResult]::new('--command', '--command', [CompletionResultType]::ParameterName, 'The command to run instead of the image''s CMD, split as a shell splits words')
            [CompletionResult]::new('--entrypoint', '--entrypoint', [CompletionResultType]::ParameterName, 'The entrypoint to use instead of the image''s ENTRYPOINT, split as a shell does')
            [CompletionResult]::new('--env-vars', '--env-vars', [CompletionResultType]::ParameterName, 'Environment variables')
            [CompletionResult]::new('--secrets', '--secrets', [CompletionResultType]::ParameterName, 'Secrets: SSM parameter names or ARNs, Secrets Manager ARNs')
            [CompletionResult]::new('--cpu', '--cpu', [CompletionResultType]::ParameterName, 'CPU units (1024 is one vCPU)')
            [CompletionResult]::new('--memory', '--memory', [CompletionResultType]::ParameterName, 'Memory in MiB')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'linux/x86_64 or linux/arm64')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'How many tasks to start (1-10)')
            [CompletionResult]::new('--task-role', '--task-role', [CompletionResultType]::ParameterName, 'The IAM role the task''s code acts as (default: a role with no permissions)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop waiting or following after this long (the task goes on)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--default-vpc', '--default-vpc', [CompletionResultType]::ParameterName, 'Run in the Region''s default VPC (its default subnets and security group, with a public IP) and the `default` ECS cluster, created when missing: no environment needed')
            [CompletionResult]::new('--spot', '--spot', [CompletionResultType]::ParameterName, 'Run on Fargate Spot (cheaper; AWS may stop the task)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Print the task''s log lines until it stops (Ctrl-C stops following, not the task)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Print the task''s log lines until it stops (Ctrl-C stops following, not the task)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the task to stop and exit with its essential container''s exit code')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;task;ls' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;task;delete' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The task group')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The task group')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop watching after this long')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Don''t ask (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Don''t ask (needed without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;task;help' {
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a one-off task in an environment: an image, or one built from a Dockerfile')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the task groups `task run` made')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a task group: its stack, task definitions and log group')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;task;help;run' {
            break
        }
        'tug;task;help;ls' {
            break
        }
        'tug;task;help;delete' {
            break
        }
        'tug;task;help;help' {
            break
        }
        'tug;storage' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the CloudFormation of an S3 bucket, DynamoDB table or Aurora cluster that a workload uses: tug/<workload>/addons/<name>.yml')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;storage;init' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The storage''s name: the bucket''s, table''s or cluster''s, and its file''s')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The storage''s name: the bucket''s, table''s or cluster''s, and its file''s')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'The type of storage')
            [CompletionResult]::new('--storage-type', '--storage-type', [CompletionResultType]::ParameterName, 'The type of storage')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'The type of storage')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The service or job that uses the storage')
            [CompletionResult]::new('--workload', '--workload', [CompletionResultType]::ParameterName, 'The service or job that uses the storage')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Create and delete the storage with the workload or with the environment [default: workload]')
            [CompletionResult]::new('--lifecycle', '--lifecycle', [CompletionResultType]::ParameterName, 'Create and delete the storage with the workload or with the environment [default: workload]')
            [CompletionResult]::new('--partition-key', '--partition-key', [CompletionResultType]::ParameterName, 'DynamoDB: the partition key, NAME:TYPE where TYPE is S, N or B (e.g. email:S)')
            [CompletionResult]::new('--sort-key', '--sort-key', [CompletionResultType]::ParameterName, 'DynamoDB: the sort key, NAME:TYPE (e.g. createdAt:N)')
            [CompletionResult]::new('--lsi', '--lsi', [CompletionResultType]::ParameterName, 'DynamoDB: an alternate sort key (a local secondary index), NAME:TYPE; up to 5')
            [CompletionResult]::new('--engine', '--engine', [CompletionResultType]::ParameterName, 'Aurora: the database engine')
            [CompletionResult]::new('--initial-db', '--initial-db', [CompletionResultType]::ParameterName, 'Aurora: the database created with the cluster [default: the storage''s name, with _ for punctuation]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--no-sort', '--no-sort', [CompletionResultType]::ParameterName, 'DynamoDB: no sort key, and no question about one')
            [CompletionResult]::new('--no-lsi', '--no-lsi', [CompletionResultType]::ParameterName, 'DynamoDB: no alternate sort keys, and no question about them')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Accept every proposed answer without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Accept every proposed answer without asking')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never ask: a missing answer is an error naming its flag (the default without a terminal)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite manifests and workspace files that already exist')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;storage;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the CloudFormation of an S3 bucket, DynamoDB table or Aurora cluster that a workload uses: tug/<workload>/addons/<name>.yml')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;storage;help;init' {
            break
        }
        'tug;storage;help;help' {
            break
        }
        'tug;deploy' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment to deploy, then every workload in it')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment to deploy, then every workload in it')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'How many workloads deploy at once')
            [CompletionResult]::new('--max-parallel', '--max-parallel', [CompletionResultType]::ParameterName, 'How many workloads deploy at once')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop watching each stack after this long')
            [CompletionResult]::new('--engine', '--engine', [CompletionResultType]::ParameterName, 'The container engine that builds `image.build` images (default: TUG_CONTAINER_ENGINE, else the first of docker and podman on PATH)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--detach', '--detach', [CompletionResultType]::ParameterName, 'Return as soon as each change set starts executing')
            [CompletionResult]::new('--no-rollback', '--no-rollback', [CompletionResultType]::ParameterName, 'Keep what a failed deploy created instead of rolling back')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Start new ECS deployments even when nothing changed; deploy services on EC2 capacity even when the simulator finds tasks that cannot place')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Refuse instead of waiting when another deployment is changing a stack')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;completions' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;man' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;sim' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Place a scenario''s tasks and play its timeline')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Place the workspace''s services in an environment, as a deploy would')
            [CompletionResult]::new('fargate', 'fargate', [CompletionResultType]::ParameterValue, 'Check a Fargate task size and price it')
            [CompletionResult]::new('gen', 'gen', [CompletionResultType]::ParameterValue, 'Generate a large scenario (for benchmarks) on stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;sim;run' {
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed for the random choices (default: the scenario''s `seed`, else 0)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--reference', '--reference', [CompletionResultType]::ParameterName, 'Use the plain reference placer (scans every instance for every task)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;sim;plan' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment (EC2 capacity from its `capacity:`, Fargate AZs from its subnets)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment (EC2 capacity from its `capacity:`, Fargate AZs from its subnets)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;sim;fargate' {
            [CompletionResult]::new('--cpu', '--cpu', [CompletionResultType]::ParameterName, 'Task CPU units (256, 512, 1024, 2048, 4096, 8192, 16384)')
            [CompletionResult]::new('--memory', '--memory', [CompletionResultType]::ParameterName, 'Task memory in MiB')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'linux/x86_64, linux/arm64 or windows/x86_64')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;sim;gen' {
            [CompletionResult]::new('--instances', '--instances', [CompletionResultType]::ParameterName, 'Container instances')
            [CompletionResult]::new('--tasks', '--tasks', [CompletionResultType]::ParameterName, 'Tasks in all (two services)')
            [CompletionResult]::new('--azs', '--azs', [CompletionResultType]::ParameterName, 'Availability Zones')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed written into the scenario')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Append a Markdown summary of the command''s deploys (per stack: result, changes, images, rollout, duration) to FILE; under GitHub Actions it also goes to $GITHUB_STEP_SUMMARY')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tug;sim;help' {
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Place a scenario''s tasks and play its timeline')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Place the workspace''s services in an environment, as a deploy would')
            [CompletionResult]::new('fargate', 'fargate', [CompletionResultType]::ParameterValue, 'Check a Fargate task size and price it')
            [CompletionResult]::new('gen', 'gen', [CompletionResultType]::ParameterValue, 'Generate a large scenario (for benchmarks) on stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;sim;help;run' {
            break
        }
        'tug;sim;help;plan' {
            break
        }
        'tug;sim;help;fargate' {
            break
        }
        'tug;sim;help;gen' {
            break
        }
        'tug;sim;help;help' {
            break
        }
        'tug;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Set up this repository: a workspace, a service from a Dockerfile, an environment')
            [CompletionResult]::new('app', 'app', [CompletionResultType]::ParameterValue, 'The application: create the workspace; list, show and delete what is deployed')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check manifests: syntax, fields, Fargate sizes and every Copilot rule')
            [CompletionResult]::new('job', 'job', [CompletionResultType]::ParameterValue, 'Scheduled Jobs: create, deploy, run now, logs, list, show, delete, render CloudFormation')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Environments: create, deploy, list, show, delete, render CloudFormation')
            [CompletionResult]::new('svc', 'svc', [CompletionResultType]::ParameterValue, 'Services: create, deploy, list, show, status, logs, exec, scale, delete, render CloudFormation')
            [CompletionResult]::new('task', 'task', [CompletionResultType]::ParameterValue, 'One-off tasks: run one in an environment; list and delete the task groups')
            [CompletionResult]::new('storage', 'storage', [CompletionResultType]::ParameterValue, 'Storage for a workload: an S3 bucket, a DynamoDB table or an Aurora cluster')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy an environment, then every workload in it, in parallel')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the manual page of tug or of one of its commands (`tug man svc deploy | man -l -`)')
            [CompletionResult]::new('sim', 'sim', [CompletionResultType]::ParameterValue, 'Simulate the ECS scheduler offline: placement, Fargate sizes, rollouts, scaling')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;help;init' {
            break
        }
        'tug;help;app' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the workspace: tug/.workspace, naming the application')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the applications deployed in this account and Region')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an application''s environments and workloads')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete an application: its workloads, then its environments, then its ECR repositories')
            break
        }
        'tug;help;app;init' {
            break
        }
        'tug;help;app;ls' {
            break
        }
        'tug;help;app;show' {
            break
        }
        'tug;help;app;delete' {
            break
        }
        'tug;help;validate' {
            break
        }
        'tug;help;job' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the manifest of a new Scheduled Job: tug/<name>/manifest.yml')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Start a run of a job now (its state machine), and with --wait exit with its result')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print the logs of a job''s last runs, merged in time order')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy a job to an environment through a change set')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the jobs deployed for this application')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show where a job is deployed (or, with --manifest, its effective manifest)')
            [CompletionResult]::new('package', 'package', [CompletionResultType]::ParameterValue, 'Write the CloudFormation template and parameters a deploy of the job would send')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a job from one environment, or from every one it is deployed in')
            break
        }
        'tug;help;job;init' {
            break
        }
        'tug;help;job;run' {
            break
        }
        'tug;help;job;logs' {
            break
        }
        'tug;help;job;deploy' {
            break
        }
        'tug;help;job;ls' {
            break
        }
        'tug;help;job;show' {
            break
        }
        'tug;help;job;package' {
            break
        }
        'tug;help;job;delete' {
            break
        }
        'tug;help;env' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the manifest of a new environment: tug/environments/<env>/manifest.yml')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy an environment: create or update its stack through a change set')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the environments deployed for this application')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a deployed environment: its stack, outputs and workloads')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a deployed environment (refused while workloads run in it)')
            [CompletionResult]::new('package', 'package', [CompletionResultType]::ParameterValue, 'Write the CloudFormation template and parameters a deploy of the environment would send')
            break
        }
        'tug;help;env;init' {
            break
        }
        'tug;help;env;deploy' {
            break
        }
        'tug;help;env;ls' {
            break
        }
        'tug;help;env;show' {
            break
        }
        'tug;help;env;delete' {
            break
        }
        'tug;help;env;package' {
            break
        }
        'tug;help;svc' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the manifest of a new service: tug/<name>/manifest.yml')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy a service to an environment through a change set, and follow the rollout')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the services deployed for this application')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show where a service is deployed (or, with --manifest, its effective manifest)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a service from one environment, or from every one it is deployed in')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show a deployed service: deployments, tasks, target health, stopped tasks, alarms')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print a service''s logs, merged across its tasks in time order')
            [CompletionResult]::new('package', 'package', [CompletionResultType]::ParameterValue, 'Write the CloudFormation template and parameters a deploy of the service would send')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command (a shell by default) in a running task, through ECS Exec')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Change the task count or the autoscaling range, through the stack')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Return a service to an earlier deploy through a change set, or list its revisions')
            break
        }
        'tug;help;svc;init' {
            break
        }
        'tug;help;svc;deploy' {
            break
        }
        'tug;help;svc;ls' {
            break
        }
        'tug;help;svc;show' {
            break
        }
        'tug;help;svc;delete' {
            break
        }
        'tug;help;svc;status' {
            break
        }
        'tug;help;svc;logs' {
            break
        }
        'tug;help;svc;package' {
            break
        }
        'tug;help;svc;exec' {
            break
        }
        'tug;help;svc;scale' {
            break
        }
        'tug;help;svc;rollback' {
            break
        }
        'tug;help;task' {
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a one-off task in an environment: an image, or one built from a Dockerfile')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the task groups `task run` made')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a task group: its stack, task definitions and log group')
            break
        }
        'tug;help;task;run' {
            break
        }
        'tug;help;task;ls' {
            break
        }
        'tug;help;task;delete' {
            break
        }
        'tug;help;storage' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the CloudFormation of an S3 bucket, DynamoDB table or Aurora cluster that a workload uses: tug/<workload>/addons/<name>.yml')
            break
        }
        'tug;help;storage;init' {
            break
        }
        'tug;help;deploy' {
            break
        }
        'tug;help;completions' {
            break
        }
        'tug;help;man' {
            break
        }
        'tug;help;sim' {
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Place a scenario''s tasks and play its timeline')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Place the workspace''s services in an environment, as a deploy would')
            [CompletionResult]::new('fargate', 'fargate', [CompletionResultType]::ParameterValue, 'Check a Fargate task size and price it')
            [CompletionResult]::new('gen', 'gen', [CompletionResultType]::ParameterValue, 'Generate a large scenario (for benchmarks) on stdout')
            break
        }
        'tug;help;sim;run' {
            break
        }
        'tug;help;sim;plan' {
            break
        }
        'tug;help;sim;fargate' {
            break
        }
        'tug;help;sim;gen' {
            break
        }
        'tug;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
