package main

import (
	"bytes"
	"crypto/sha256"
	"debug/buildinfo"
	"fmt"
	"runtime/debug"
	"sort"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"
)

// modulePath is the module the release ships.
const modulePath = "github.com/justt-ai/justt-onboard"

// sbomFor reads the build info of the built binary (the modules that were
// actually linked into it, at the versions linked, for its platform) and
// renders a CycloneDX JSON SBOM. Nothing in it depends on the time of the
// build: the timestamp is the commit time and the serial number is derived
// from the binary's contents.
func sbomFor(binaryPath string, t Target, s Stamp, binarySum [32]byte) ([]byte, error) {
	info, err := buildinfo.ReadFile(binaryPath)
	if err != nil {
		return nil, fmt.Errorf("reading the build info of the %s binary: %w", t, err)
	}
	return renderSBOM(info, t, s, binarySum)
}

func purl(path, version string) string {
	return "pkg:golang/" + path + "@" + version
}

func renderSBOM(info *debug.BuildInfo, t Target, s Stamp, binarySum [32]byte) ([]byte, error) {
	if info.Main.Path != modulePath {
		return nil, fmt.Errorf("the %s binary's main module is %q, not %s", t, info.Main.Path, modulePath)
	}
	root := cdx.Component{
		BOMRef:     purl(modulePath, "v"+s.Version),
		Type:       cdx.ComponentTypeApplication,
		Name:       "justt-onboard",
		Version:    s.Version,
		PackageURL: purl(modulePath, "v"+s.Version) + "?goos=" + t.OS + "&goarch=" + t.Arch,
		Licenses:   &cdx.Licenses{{License: &cdx.License{ID: "MIT"}}},
		Hashes:     &[]cdx.Hash{{Algorithm: cdx.HashAlgoSHA256, Value: fmt.Sprintf("%x", binarySum)}},
		Properties: &[]cdx.Property{
			{Name: "commit", Value: s.Commit},
			{Name: "goos", Value: t.OS},
			{Name: "goarch", Value: t.Arch},
		},
	}

	// The Go standard library is linked in too, at the toolchain's version:
	// scanners look for it as pkg:golang/stdlib.
	goVersion := strings.TrimPrefix(info.GoVersion, "go")
	components := []cdx.Component{{
		BOMRef: purl("stdlib", goVersion), Type: cdx.ComponentTypeLibrary,
		Name: "stdlib", Version: goVersion, PackageURL: purl("stdlib", goVersion),
	}}
	for _, dep := range info.Deps {
		m := dep
		if dep.Replace != nil {
			m = dep.Replace
		}
		c := cdx.Component{
			BOMRef: purl(m.Path, m.Version), Type: cdx.ComponentTypeLibrary,
			Name: m.Path, Version: m.Version, PackageURL: purl(m.Path, m.Version),
		}
		var props []cdx.Property
		if m.Sum != "" {
			props = append(props, cdx.Property{Name: "go.sum", Value: m.Sum})
		}
		if dep.Replace != nil {
			props = append(props, cdx.Property{Name: "replaces", Value: dep.Path + "@" + dep.Version})
		}
		if len(props) > 0 {
			c.Properties = &props
		}
		components = append(components, c)
	}
	sort.Slice(components, func(i, j int) bool { return components[i].BOMRef < components[j].BOMRef })

	refs := make([]string, len(components))
	for i, c := range components {
		refs[i] = c.BOMRef
	}
	bom := cdx.NewBOM()
	bom.SerialNumber = serialNumber(binarySum)
	bom.Metadata = &cdx.Metadata{
		Timestamp: s.Date(),
		Component: &root,
		Tools: &cdx.ToolsChoice{Components: &[]cdx.Component{{
			Type: cdx.ComponentTypeApplication, Name: "justt-onboard tools/release",
			Description: "reads the binary's Go build info (debug/buildinfo)",
		}}},
	}
	bom.Components = &components
	// Every listed module is linked into the binary; Go's build info does
	// not say which module pulled in which, so no finer graph is claimed.
	bom.Dependencies = &[]cdx.Dependency{{Ref: root.BOMRef, Dependencies: &refs}}

	var buf bytes.Buffer
	enc := cdx.NewBOMEncoder(&buf, cdx.BOMFileFormatJSON).SetPretty(true).SetEscapeHTML(false)
	if err := enc.Encode(bom); err != nil {
		return nil, fmt.Errorf("encoding the %s SBOM: %w", t, err)
	}
	return buf.Bytes(), nil
}

// serialNumber is a UUID (version 5 layout) taken from the binary's hash, so
// the same binary always has the same SBOM serial number.
func serialNumber(binarySum [32]byte) string {
	h := sha256.Sum256(append([]byte("justt-onboard sbom "), binarySum[:]...))
	u := h[:16]
	u[6] = (u[6] & 0x0f) | 0x50
	u[8] = (u[8] & 0x3f) | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
