package main

import (
	"bytes"
	"fmt"
	"strings"
	"text/template"
)

// DefaultDownloadURL is where a tagged release's assets live; {version} is
// the version without the leading v.
const DefaultDownloadURL = "https://" + modulePath + "/releases/download/v{version}"

// formulaArchive is one archive the formula can install.
type formulaArchive struct {
	URL, SHA256 string
}

// formulaData is what the formula template needs.
type formulaData struct {
	Version                                      string
	Homepage                                     string
	DarwinARM, DarwinIntel, LinuxARM, LinuxIntel *formulaArchive
}

var formulaTemplate = template.Must(template.New("formula").Parse(`# Homebrew formula for justt-onboard {{.Version}}, rendered by tools/release
# from the release archives' SHA-256 sums. Do not edit: re-run the release.
class JusttOnboard < Formula
  desc "Connect a Stripe account to Justt: onboarding wizard and CI key check"
  homepage "{{.Homepage}}"
  version "{{.Version}}"
  license "MIT"
{{- if or .DarwinARM .DarwinIntel}}

  on_macos do
{{- with .DarwinARM}}
    on_arm do
      url "{{.URL}}"
      sha256 "{{.SHA256}}"
    end
{{- end}}
{{- with .DarwinIntel}}
    on_intel do
      url "{{.URL}}"
      sha256 "{{.SHA256}}"
    end
{{- end}}
  end
{{- end}}
{{- if or .LinuxARM .LinuxIntel}}

  on_linux do
{{- with .LinuxARM}}
    on_arm do
      url "{{.URL}}"
      sha256 "{{.SHA256}}"
    end
{{- end}}
{{- with .LinuxIntel}}
    on_intel do
      url "{{.URL}}"
      sha256 "{{.SHA256}}"
    end
{{- end}}
  end
{{- end}}

  def install
    bin.install "justt-onboard"
    doc.install "README.md"
  end

  test do
    assert_match "justt-onboard #{version} (commit", shell_output("#{bin}/justt-onboard --version")
  end
end
`))

// renderFormula writes the formula for the darwin and linux archives in
// sums (archive file name → hex SHA-256). Windows is not a Homebrew platform.
func renderFormula(s Stamp, downloadURL string, sums map[string]string) ([]byte, error) {
	base := strings.TrimSuffix(strings.ReplaceAll(downloadURL, "{version}", s.Version), "/")
	d := formulaData{Version: s.Version, Homepage: "https://" + modulePath}
	slots := map[string]**formulaArchive{
		"darwin/arm64": &d.DarwinARM, "darwin/amd64": &d.DarwinIntel,
		"linux/arm64": &d.LinuxARM, "linux/amd64": &d.LinuxIntel,
	}
	found := 0
	for target, slot := range slots {
		os, arch, _ := strings.Cut(target, "/")
		name := archiveName(s, Target{OS: os, Arch: arch})
		sum, ok := sums[name]
		if !ok {
			continue
		}
		if len(sum) != 64 {
			return nil, fmt.Errorf("formula: %s has a malformed SHA-256 %q", name, sum)
		}
		*slot = &formulaArchive{URL: base + "/" + name, SHA256: sum}
		found++
	}
	if found == 0 {
		return nil, fmt.Errorf("formula: no macOS or Linux archive was built, so there is nothing for Homebrew to install")
	}
	var buf bytes.Buffer
	if err := formulaTemplate.Execute(&buf, d); err != nil {
		return nil, fmt.Errorf("formula: %w", err)
	}
	return buf.Bytes(), nil
}
