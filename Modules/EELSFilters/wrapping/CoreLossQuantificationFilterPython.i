// Python forms of CoreLossQuantificationFilter's list and struct setters, so that plain Python
// values work as keyword arguments of New() and of the functional call:
//
//   itk.core_loss_quantification_filter(core, low_loss=low, edges=[("Fe", "L"), ("O", "K")],
//       excluded_ranges=[(700, 730)], microscope_parameters={"BeamEnergy": 200, ...})
//
// ITK's keyword handling first calls Set<Name>(*value) for a list or tuple and, when that raises,
// Set<Name>(value): each setter checks its whole argument before changing anything, so the first
// attempt fails cleanly and the second one applies.

%define AEM_DECL_PYTHON_QUANTIFICATION_CLASS(swig_name)
  %rename(__SetEdges_orig__) swig_name::SetEdges;
  %rename(__SetExcludedRanges_orig__) swig_name::SetExcludedRanges;
  %rename(__SetMicroscopeParameters_orig__) swig_name::SetMicroscopeParameters;
  %extend swig_name {
    %pythoncode %{
      def SetEdges(self, edges):
          """The edges, in the order of the maps: (element, edge) or (element, edge, onset eV)
          pairs, or "Fe:L" / "Fe:L:708" texts."""
          if isinstance(edges, str):
              raise TypeError("SetEdges takes a list of edges, e.g. [('Fe', 'L'), ('O', 'K')] or ['Fe:L', 'O:K']")
          parsed = []
          for entry in edges:
              fields = entry.split(":") if isinstance(entry, str) else list(entry)
              if len(fields) not in (2, 3) or not all(isinstance(f, str) and f for f in fields[:2]):
                  raise TypeError(f"an edge is (element, edge) or (element, edge, onset in eV), got {entry!r}")
              parsed.append((fields[0], fields[1], float(fields[2]) if len(fields) == 3 else 0.0))
          self.ClearEdges()
          for element, edge, onset in parsed:
              self.AddEdge(element, edge, onset)

      def SetExcludedRanges(self, ranges):
          """Energy ranges [a, b) (eV) left out of the fit, as (a, b) pairs."""
          parsed = []
          for entry in ranges:
              pair = tuple(entry) if not isinstance(entry, (str, bytes)) and hasattr(entry, "__len__") else ()
              if len(pair) != 2:
                  raise TypeError(f"an excluded range is (start, end) in eV, got {entry!r}")
              parsed.append((float(pair[0]), float(pair[1])))
          self.ClearExcludedRanges()
          for start, end in parsed:
              self.AddExcludedRange(start, end)

      def SetMicroscopeParameters(self, parameters):
          """An itk.MicroscopeParameters, or a dict of BeamEnergy (kV), ConvergenceSemiAngle and
          CollectionSemiAngle (mrad), also spelt beam_energy, convergence_semi_angle, ..."""
          if isinstance(parameters, dict):
              import itk
              given = {key.replace("_", "").lower(): value for key, value in parameters.items()}
              names = ("BeamEnergy", "ConvergenceSemiAngle", "CollectionSemiAngle")
              unknown = set(given) - {name.lower() for name in names}
              if unknown:
                  raise TypeError(f"unknown microscope parameters {sorted(unknown)}; known: {list(names)}")
              microscope = itk.MicroscopeParameters()
              for name in names:
                  if name.lower() in given:
                      getattr(microscope, "Set" + name)(float(given[name.lower()]))
              parameters = microscope
          self.__SetMicroscopeParameters_orig__(parameters)
    %}
  }
%enddef
