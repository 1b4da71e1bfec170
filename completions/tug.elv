
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
            cand svc 'Services: show the effective manifest, render CloudFormation'
            cand env 'Environments: render CloudFormation'
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
            cand show 'Show a service as it applies to an environment'
            cand package 'Write the CloudFormation template and parameters a deploy of the service would send'
            cand help 'Print this message or the help of the given subcommand(s)'
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
            cand show 'Show a service as it applies to an environment'
            cand package 'Write the CloudFormation template and parameters a deploy of the service would send'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;svc;help;show'= {
        }
        &'tug;svc;help;package'= {
        }
        &'tug;svc;help;help'= {
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
            cand package 'Write the CloudFormation template and parameters a deploy of the environment would send'
            cand help 'Print this message or the help of the given subcommand(s)'
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
            cand package 'Write the CloudFormation template and parameters a deploy of the environment would send'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;env;help;package'= {
        }
        &'tug;env;help;help'= {
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
            cand svc 'Services: show the effective manifest, render CloudFormation'
            cand env 'Environments: render CloudFormation'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;help;validate'= {
        }
        &'tug;help;svc'= {
            cand show 'Show a service as it applies to an environment'
            cand package 'Write the CloudFormation template and parameters a deploy of the service would send'
        }
        &'tug;help;svc;show'= {
        }
        &'tug;help;svc;package'= {
        }
        &'tug;help;env'= {
            cand package 'Write the CloudFormation template and parameters a deploy of the environment would send'
        }
        &'tug;help;env;package'= {
        }
        &'tug;help;completions'= {
        }
        &'tug;help;help'= {
        }
    ]
    $completions[$command]
}
