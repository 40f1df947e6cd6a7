// Command netpol-oracle answers allow/deny questions about NetworkPolicies with cyclonus' matcher
// (github.com/mattfenwick/cyclonus/pkg/matcher), an engine independent of svc-explain. It is a test
// oracle only: the integration suite feeds it policies as the API server stored them (defaulted and
// validated) and compares its verdicts with svc-explain's.
//
// It also answers label-selector questions two ways, with Kubernetes' own implementation
// (apimachinery's LabelSelectorAsSelector, what the API machinery and CNIs built on it use) and with
// cyclonus' (pkg/kube), because the two differ on absent keys: cyclonus treats `k NotIn (v)` as false
// and matchLabels `k: ""` as true when the Pod has no label k; Kubernetes does the opposite.
//
// stdin:  {"policies":[NetworkPolicy...], "queries":[{"source":Peer,"destination":Peer,"port":80,"portName":"http","protocol":"TCP"}],
//          "selectorQueries":[{"selector":LabelSelector,"labels":{...}}]}
// stdout: {"verdicts":[{"allowed":true,"ingress":true,"egress":true}, ...], "selectors":[{"kubernetes":true,"cyclonus":true}, ...]}
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/mattfenwick/cyclonus/pkg/kube"
	"github.com/mattfenwick/cyclonus/pkg/matcher"
	v1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
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

type selectorQuery struct {
	Selector metav1.LabelSelector `json:"selector"`
	Labels   map[string]string    `json:"labels"`
}

type input struct {
	Policies        []*networkingv1.NetworkPolicy `json:"policies"`
	Queries         []query                       `json:"queries"`
	SelectorQueries []selectorQuery               `json:"selectorQueries"`
}

type selectorAnswer struct {
	Kubernetes bool `json:"kubernetes"`
	Cyclonus   bool `json:"cyclonus"`
}

type output struct {
	Verdicts  []verdict        `json:"verdicts"`
	Selectors []selectorAnswer `json:"selectors"`
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
	answers := make([]selectorAnswer, 0, len(in.SelectorQueries))
	for _, q := range in.SelectorQueries {
		selector, err := metav1.LabelSelectorAsSelector(&q.Selector)
		if err != nil {
			fmt.Fprintln(os.Stderr, "netpol-oracle: invalid selector:", err)
			os.Exit(2)
		}
		answers = append(answers, selectorAnswer{Kubernetes: selector.Matches(labels.Set(q.Labels)), Cyclonus: kube.IsLabelsMatchLabelSelector(q.Labels, q.Selector)})
	}
	if err := json.NewEncoder(os.Stdout).Encode(output{Verdicts: out, Selectors: answers}); err != nil {
		fmt.Fprintln(os.Stderr, "netpol-oracle:", err)
		os.Exit(1)
	}
}
