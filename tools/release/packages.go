package main

import (
	"bytes"
	"fmt"

	"github.com/goreleaser/nfpm/v2"
	_ "github.com/goreleaser/nfpm/v2/deb" // registers the deb packager
	"github.com/goreleaser/nfpm/v2/files"
	_ "github.com/goreleaser/nfpm/v2/rpm" // registers the rpm packager
)

// packageFormats are the Linux package formats a release ships.
var packageFormats = []string{"deb", "rpm"}

// linuxPackage builds one .deb or .rpm that installs the binary as
// /usr/bin/justt-onboard, with the README and license under
// /usr/share/doc/justt-onboard. Every time in it is the commit time and the
// build host is fixed, so it is reproducible. It returns the conventional
// file name for the format and the package bytes.
func linuxPackage(format string, t Target, s Stamp, root, binary string) (string, []byte, error) {
	mode := func(m uint32) *files.ContentFileInfo {
		return &files.ContentFileInfo{Mode: fsMode(m), MTime: s.Time, Owner: "root", Group: "root"}
	}
	// A fresh Info for each use: the packagers rewrite it as they prepare it.
	newInfo := func() *nfpm.Info {
		return nfpm.WithDefaults(&nfpm.Info{
			Name:        "justt-onboard",
			Arch:        t.Arch,
			Platform:    "linux",
			Version:     s.Version,
			Maintainer:  maintainer,
			Vendor:      "Justt",
			Homepage:    "https://" + modulePath,
			License:     "MIT",
			Section:     "utils",
			Priority:    "optional",
			Description: "Connect a Stripe account to Justt: an onboarding wizard and a CI check of the restricted key's permissions.",
			MTime:       s.Time,
			Overridables: nfpm.Overridables{
				Contents: files.Contents{
					{Source: binary, Destination: "/usr/bin/justt-onboard", FileInfo: mode(0o755)},
					{Source: root + "/README.md", Destination: "/usr/share/doc/justt-onboard/README.md", FileInfo: mode(0o644)},
					{Source: root + "/LICENSE", Destination: "/usr/share/doc/justt-onboard/copyright", FileInfo: mode(0o644)},
				},
				RPM: nfpm.RPM{BuildHost: "justt-onboard-release", Group: "Applications/System", Summary: "Connect a Stripe account to Justt"},
			},
		})
	}
	packager, err := nfpm.Get(format)
	if err != nil {
		return "", nil, fmt.Errorf("nfpm has no %s packager: %w", format, err)
	}
	name := packager.ConventionalFileName(newInfo())
	var buf bytes.Buffer
	if err := packager.Package(newInfo(), &buf); err != nil {
		return "", nil, fmt.Errorf("building the %s %s package: %w", t, format, err)
	}
	return name, buf.Bytes(), nil
}

// maintainer is the packages' Maintainer field (Debian requires one).
// TODO(lead): confirm the address merchants should write to.
const maintainer = "Justt <support@justt.ai>"
