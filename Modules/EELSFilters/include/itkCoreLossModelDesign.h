/*=========================================================================
 *
 *  Copyright the ITKAnalyticalEM contributors
 *
 *  Licensed under the Apache License, Version 2.0 (the "License");
 *  you may not use this file except in compliance with the License.
 *  You may obtain a copy of the License at
 *
 *         http://www.apache.org/licenses/LICENSE-2.0.txt
 *
 *  Unless required by applicable law or agreed to in writing, software
 *  distributed under the License is distributed on an "AS IS" BASIS,
 *  WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 *  See the License for the specific language governing permissions and
 *  limitations under the License.
 *
 *=========================================================================*/
#ifndef itkCoreLossModelDesign_h
#define itkCoreLossModelDesign_h

#include "itkEnergyAxis.h"
#include "itkLinearCombinationOfPowerLaws.h"
#include "itkLinearSpectrumFitter.h"
#include "itkLowLossConvolver.h"
#include "itkMomentumTransferGrid.h"

#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace itk
{
/** One edge of a quantification: element symbol and edge ("K", "L", "L3", ... as EELSEdgeTable
 * names them); OnsetEnergy > 0 replaces the table's onset (eV). */
struct AnalyticalEMEELSFilters_EXPORT QuantifiedEdge
{
  std::string Element;
  std::string Edge;
  double      OnsetEnergy{ 0.0 };
};

/** Everything that defines the linear core-loss model of a quantification. */
struct AnalyticalEMEELSFilters_EXPORT CoreLossModelSettings
{
  EnergyAxis                  Axis{ 0.0, 1.0, 1 };
  std::vector<QuantifiedEdge> Edges;
  /** Exponents of the linear combination of power laws: 1, 2, ..., 6 (pyEELSMODEL uses 1, 7/3,
   * 11/3, 5, which cannot follow a background convolved with the low loss; see the README). */
  std::vector<double> BackgroundExponents{ 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 };
  /** Drop the highest exponents that the fitted channels cannot tell apart from the others (a
   * narrow window): the default basis adapts to the window instead of making every fit singular.
   * Off for exponents the user chose. */
  bool AdaptBackground{ false };
  /** E_s of the power laws; 0: max(first channel energy, 1 eV), as pyEELSMODEL. */
  double BackgroundReferenceEnergy{ 0.0 };
  /** Fit window (eV); channels [index(start), index(end)) of EnergyAxis::GetIndex(). */
  double FitStart{ -std::numeric_limits<double>::infinity() };
  double FitEnd{ std::numeric_limits<double>::infinity() };
  /** Channel ranges [index(a), index(b)) left out of the fit (white lines, fine structure). */
  std::vector<std::pair<double, double>> ExcludedRanges;
  CrossSectionSettings                   CrossSections;
  /** A GOSH (HDF5) table for the edges; empty: hydrogenic cross sections (or computed ones). */
  std::string GOSHFile;
  /** Cross sections from GOS tables computed from first principles (ComputedGOSTables), when no
   * GOSH file is given. */
  bool ComputedCrossSections{ false };
  /** Channels of each pixel's low loss; 0: no multiple scattering (edges not convolved). */
  SizeValueType LowLossLength{ 0 };
  bool EdgesNonNegative{ false };
  BackgroundConstraintEnum       BackgroundConstraint{ BackgroundConstraintEnum::None };
  LinearSpectrumFitter::Settings Fitter;
};

/** \class CoreLossModelDesign
 * \brief The design of a linear core-loss quantification, built once and shared by all threads.
 *
 * Columns, in the order of the coefficient vectors and output maps: the background terms
 * (E / E_s)^-r_k, then one cross section (barn/eV) per edge. With multiple scattering each edge
 * is convolved with the pixel's own low loss by LowLossConvolver (the background is not: its
 * convolution would miss the intensity below the axis start): the columns are transformed once here, and a pixel costs one forward
 * transform of its low loss plus one inverse per convolved column. The fit uses the channels of
 * the fit window minus the excluded ranges; constraints are the edge rows x_e >= 0 and the
 * convexity rows of LinearCombinationOfPowerLaws on the window's first and last energies.
 *
 * The constructor throws for an empty edge list, an unknown element or edge, an edge whose onset
 * lies outside the fit window, fewer fitted channels than columns, or invalid cross-section
 * settings.
 *
 * \ingroup AnalyticalEMEELSFilters
 */
class AnalyticalEMEELSFilters_EXPORT CoreLossModelDesign
{
public:
  explicit CoreLossModelDesign(CoreLossModelSettings settings);
  ~CoreLossModelDesign();
  CoreLossModelDesign(const CoreLossModelDesign &) = delete;
  CoreLossModelDesign &
  operator=(const CoreLossModelDesign &) = delete;

  const CoreLossModelSettings &
  GetSettings() const
  {
    return m_Settings;
  }
  /** Exponents AdaptBackground dropped, highest last (empty when none). */
  const std::vector<double> &
  GetDroppedBackgroundExponents() const
  {
    return m_DroppedExponents;
  }
  unsigned int
  GetNumberOfBackgroundTerms() const
  {
    return static_cast<unsigned int>(m_Settings.BackgroundExponents.size());
  }
  unsigned int
  GetNumberOfEdges() const
  {
    return static_cast<unsigned int>(m_Settings.Edges.size());
  }
  unsigned int
  GetNumberOfColumns() const
  {
    return GetNumberOfBackgroundTerms() + GetNumberOfEdges();
  }
  /** The fitted channels, increasing. */
  const std::vector<SizeValueType> &
  GetFittedChannels() const
  {
    return m_Channels;
  }
  /** Column j on every channel of the axis (unconvolved). */
  const std::vector<double> &
  GetColumn(unsigned int j) const
  {
    return m_Columns[j];
  }
  /** The onset (eV) of edge e. */
  double
  GetOnsetEnergy(unsigned int e) const
  {
    return m_Onsets[e];
  }
  bool
  UsesLowLoss() const
  {
    return m_Convolver != nullptr;
  }

  /** Per-thread scratch. */
  class AnalyticalEMEELSFilters_EXPORT Workspace
  {
  public:
    explicit Workspace(const CoreLossModelDesign & design);
    ~Workspace();

  private:
    friend class CoreLossModelDesign;
    std::unique_ptr<LowLossConvolver::Workspace> m_Convolver;
    LowLossConvolver::Spectrum                   m_Kernel;
    std::vector<std::vector<double>>             m_Full;     // convolved columns, whole axis
    std::vector<std::vector<double>>             m_Gathered; // fitted channels of every column
    std::vector<const double *>                  m_Pointers;
    std::vector<double>                          m_Data;
    LinearSpectrumFitter::Workspace              m_Fitter;
  };

  /** The fitted channels of every column for a pixel with this low loss (convolved with it when
   * multiple scattering is on), valid until the workspace is used again; null when the low loss
   * has a non-finite value or no positive sum. */
  const double * const *
  FittedColumns(const double * lowLoss, Workspace & workspace) const;
  const LinearSpectrumFitter &
  GetFitter() const
  {
    return *m_Fitter;
  }

  /** Fits one pixel: \a coreLoss on every channel of the axis, \a lowLoss (LowLossLength
   * channels, ignored without multiple scattering). \a model, when not null, receives the
   * fitted model on every channel. Never throws for bad data: the result is then invalid (a low
   * loss with a non-finite value or no positive sum, a failed fit). */
  void
  Fit(const double * coreLoss, const double * lowLoss, LinearSpectrumFitter::Result & result, double * model,
      Workspace & workspace) const;

  /** The parts of a fitted model on every channel of the axis: the background (all power laws
   * together) and then one curve per edge (convolved with \a lowLoss when multiple scattering is
   * on), for the coefficients of a fit (background terms first, as in the result). Their sum is
   * the model of Fit(). False, with \a components untouched, for a low loss Fit() rejects. */
  bool
  Components(const double * lowLoss, const double * coefficients, Workspace & workspace,
             std::vector<std::vector<double>> & components) const;

private:
  bool
  IsConvolved(unsigned int j) const
  {
    return m_Convolver != nullptr && j >= GetNumberOfBackgroundTerms();
  }

  CoreLossModelSettings                   m_Settings;
  std::vector<SizeValueType>              m_Channels;
  std::vector<double>                     m_Onsets;
  std::vector<std::vector<double>>        m_Columns;
  std::vector<std::vector<double>>        m_GatheredColumns; // fitted channels of unconvolved columns
  std::vector<LowLossConvolver::Spectrum> m_Transformed;     // of the convolved columns
  std::unique_ptr<LowLossConvolver>       m_Convolver;
  std::unique_ptr<LinearSpectrumFitter>   m_Fitter;
  std::vector<double> m_DroppedExponents;
};
} // end namespace itk

#endif
