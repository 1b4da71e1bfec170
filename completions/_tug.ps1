
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
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check manifests: syntax, fields, Fargate sizes and every Copilot rule')
            [CompletionResult]::new('svc', 'svc', [CompletionResultType]::ParameterValue, 'Services: show the effective manifest, render CloudFormation')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Environments: render CloudFormation')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;validate' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Check the manifests as they apply to this environment (default: every environment)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Check the manifests as they apply to this environment (default: every environment)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
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
        'tug;svc' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
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
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a service as it applies to an environment')
            [CompletionResult]::new('package', 'package', [CompletionResultType]::ParameterValue, 'Write the CloudFormation template and parameters a deploy of the service would send')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;svc;show' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The service''s name (its folder under tug/)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service''s name (its folder under tug/)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
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
        'tug;svc;package' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The service''s name (its folder under tug/)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The service''s name (its folder under tug/)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Folder to write `tug-<app>-<env>-<svc>.yml` and `.params.json` into')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Image tag for a service built from `image.build`')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
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
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a service as it applies to an environment')
            [CompletionResult]::new('package', 'package', [CompletionResultType]::ParameterValue, 'Write the CloudFormation template and parameters a deploy of the service would send')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;svc;help;show' {
            break
        }
        'tug;svc;help;package' {
            break
        }
        'tug;svc;help;help' {
            break
        }
        'tug;env' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
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
            [CompletionResult]::new('package', 'package', [CompletionResultType]::ParameterValue, 'Write the CloudFormation template and parameters a deploy of the environment would send')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;env;package' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The environment (its folder under tug/environments/)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The environment (its folder under tug/environments/)')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Folder to write `tug-<app>-<env>.yml` and `.params.json` into')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
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
            [CompletionResult]::new('package', 'package', [CompletionResultType]::ParameterValue, 'Write the CloudFormation template and parameters a deploy of the environment would send')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;env;help;package' {
            break
        }
        'tug;env;help;help' {
            break
        }
        'tug;completions' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tug was started in DIR')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS Region (default: the AWS SDK''s chain: AWS_REGION, profile, instance metadata)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (default: AWS_PROFILE, else "default")')
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
        'tug;help' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check manifests: syntax, fields, Fargate sizes and every Copilot rule')
            [CompletionResult]::new('svc', 'svc', [CompletionResultType]::ParameterValue, 'Services: show the effective manifest, render CloudFormation')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Environments: render CloudFormation')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;help;validate' {
            break
        }
        'tug;help;svc' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a service as it applies to an environment')
            [CompletionResult]::new('package', 'package', [CompletionResultType]::ParameterValue, 'Write the CloudFormation template and parameters a deploy of the service would send')
            break
        }
        'tug;help;svc;show' {
            break
        }
        'tug;help;svc;package' {
            break
        }
        'tug;help;env' {
            [CompletionResult]::new('package', 'package', [CompletionResultType]::ParameterValue, 'Write the CloudFormation template and parameters a deploy of the environment would send')
            break
        }
        'tug;help;env;package' {
            break
        }
        'tug;help;completions' {
            break
        }
        'tug;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
