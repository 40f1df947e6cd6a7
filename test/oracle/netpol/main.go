// Command netpol-oracle answers allow/deny questions about NetworkPolicies with cyclonus' matcher
// (github.com/mattfenwick/cyclonus/pkg/matcher), an engine independent of svc-explain. It is a test
// oracle only: the integration suite feeds it policies as the API server stored them (defaulted and
// validated) and compares its verdicts with svc-explain's.
//
// stdin:  {"policies":[NetworkPolicy...], "queries":[{"source":Peer,"destination":Peer,"port":80,"portName":"http","protocol":"TCP"}]}
// stdout: [{"allowed":true,"ingress":true,"egress":true}, ...]
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/mattfenwick/cyclonus/pkg/matcher"
	v1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
)

type peer struct {
	Namespace       string            `json:"namespace"`
	Labels          map[string]string `json:"labels"`
	NamespaceLabels map[string]string `json:"namespaceLabels"`
	IP              string            `json:"ip"`
}

type query struct {
	Source      peer   `json:"source"`
	Destination peer   `json:"destination"`
	Port        int    `json:"port"`
	PortName    string `json:"portName"`
	Protocol    string `json:"protocol"`
}

type input struct {
	Policies []*networkingv1.NetworkPolicy `json:"policies"`
	Queries  []query                       `json:"queries"`
}

type verdict struct {
	Allowed bool `json:"allowed"`
	Ingress bool `json:"ingress"`
	Egress  bool `json:"egress"`
}

func trafficPeer(p peer) *matcher.TrafficPeer {
	return &matcher.TrafficPeer{
		IP:       p.IP,
		Internal: &matcher.InternalPeer{PodLabels: p.Labels, NamespaceLabels: p.NamespaceLabels, Namespace: p.Namespace},
	}
}

func main() {
	var in input
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		fmt.Fprintln(os.Stderr, "netpol-oracle: bad input:", err)
		os.Exit(2)
	}
	policy := matcher.BuildNetworkPolicies(false, in.Policies)
	out := make([]verdict, 0, len(in.Queries))
	for _, q := range in.Queries {
		result := policy.IsTrafficAllowed(&matcher.Traffic{
			Source:           trafficPeer(q.Source),
			Destination:      trafficPeer(q.Destination),
			ResolvedPort:     q.Port,
			ResolvedPortName: q.PortName,
			Protocol:         v1.Protocol(q.Protocol),
		})
		out = append(out, verdict{Allowed: result.IsAllowed(), Ingress: result.Ingress.IsAllowed(), Egress: result.Egress.IsAllowed()})
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "netpol-oracle:", err)
		os.Exit(1)
	}
}
