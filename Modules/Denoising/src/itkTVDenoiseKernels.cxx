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
#include "itkTVDenoiseKernels.h"
#include "itkEMKernelSupport.h"

#include <cmath>

// Compiled with the options of itkEMKernelSupport.h (see CMakeLists.txt): sqrt is then a plain
// instruction, selections if-convert and the loops vectorise, with the same IEEE operations in the
// same order. Every pointer of a loop points into a distinct array.

namespace itk
{
namespace TVDenoiseKernels
{
namespace
{
// Selections on values (not std::min/max on references) so that the loops if-convert.
template <typename T>
inline T
Clamp(T value, T lower, T upper)
{
  const T atLeastLower = value < lower ? lower : value;
  return atLeastLower > upper ? upper : atLeastLower;
}

// argmin_{x >= 0} (x - w)^2 / 2 + tau (m x - c ln(x + eps)): the positive root of
// (x - a)(x + eps) = tau c with a = w - tau m.
template <typename T>
inline T
PoissonProx(T w, T c, T tau, T linearWeight, T epsilon)
{
  const T a = w - tau * linearWeight;
  const T root = T(0.5) * ((a - epsilon) + std::sqrt((a + epsilon) * (a + epsilon) + T(4) * tau * c));
  return root > T(0) ? root : T(0);
}

template <typename T, bool VMid, bool VPoisson>
EM_ALWAYS_INLINE void
PrimalRowImplementation(const PrimalRowArguments<T> & a)
{
  const T * __restrict f = a.F;
  const T * __restrict dx = a.DualX;
  const T * __restrict dm = a.DualMid;
  const T * __restrict dmPrevious = a.DualMidPrevious;
  const T * __restrict ds = a.DualSlow;
  const T * __restrict dsPrevious = a.DualSlowPrevious;
  T * __restrict out = a.Out;
  const T lambda = a.Lambda;
  const T cx = a.CoefficientX;
  const T cm = a.CoefficientMid;
  const T cs = a.CoefficientSlow;
  const T lower = a.Lower;
  const T upper = a.Upper;
  const T * __restrict counts = a.Counts;
  const T tau = a.Tau;
  const T linearWeight = a.LinearWeight;
  const T epsilon = a.Epsilon;
  const auto value = [=](SizeValueType i, T differenceX) {
    T divergence = cx * differenceX + cs * (ds[i] - dsPrevious[i]);
    if (VMid)
    {
      divergence += cm * (dm[i] - dmPrevious[i]);
    }
    const T w = f[i] - lambda * divergence;
    return VPoisson ? PoissonProx(w, counts[i], tau, linearWeight, epsilon) : Clamp(w, lower, upper);
  };
  out[0] = value(0, dx[0]);
#pragma omp simd
  for (SizeValueType i = 1; i < a.Length; ++i)
  {
    out[i] = value(i, dx[i] - dx[i - 1]);
  }
}

template <typename T, bool VMid, bool VIsotropic>
inline void
Project(T & qx, T & qm, T & qs)
{
  if (VIsotropic)
  {
    T squaredNorm = qx * qx + qs * qs;
    if (VMid)
    {
      squaredNorm += qm * qm;
    }
    const T scale = T(1) / std::sqrt(squaredNorm > T(1) ? squaredNorm : T(1));
    qx *= scale;
    qs *= scale;
    qm *= scale;
  }
  else
  {
    qx = Clamp(qx, T(-1), T(1));
    qs = Clamp(qs, T(-1), T(1));
    qm = Clamp(qm, T(-1), T(1));
  }
}

// One pixel of the dual update. Written as a function over plain restrict pointers (not a
// lambda over captured ones) so that the compiler knows the arrays are distinct and vectorises.
template <typename T, bool VMid, bool VIsotropic, bool VMomentum, bool VZero>
EM_ALWAYS_INLINE void
DualPixel(SizeValueType i,
          T             gx,
          const T * __restrict u,
          const T * __restrict uMidNext,
          const T * __restrict uSlowNext,
          T * __restrict px,
          T * __restrict pm,
          T * __restrict ps,
          T * __restrict rx,
          T * __restrict rm,
          T * __restrict rs,
          T tau,
          T beta,
          T cm,
          T cs,
          T shrink)
{
  // FGP reads the extrapolated point r, GP the iterate p itself; a cold start reads zeros.
  const T startX = VZero ? T(0) : (VMomentum ? rx[i] : px[i]);
  const T startS = VZero ? T(0) : (VMomentum ? rs[i] : ps[i]);
  const T startM = (VZero || !VMid) ? T(0) : (VMomentum ? rm[i] : pm[i]);
  T       qx = shrink * (startX - tau * gx);
  T       qs = shrink * (startS - tau * (cs * (uSlowNext[i] - u[i])));
  T       qm = VMid ? shrink * (startM - tau * (cm * (uMidNext[i] - u[i]))) : T(0);
  Project<T, VMid, VIsotropic>(qx, qm, qs);
  if (VMomentum)
  {
    rx[i] = qx + beta * (qx - (VZero ? T(0) : px[i]));
    rs[i] = qs + beta * (qs - (VZero ? T(0) : ps[i]));
    if (VMid)
    {
      rm[i] = qm + beta * (qm - (VZero ? T(0) : pm[i]));
    }
  }
  px[i] = qx;
  ps[i] = qs;
  if (VMid)
  {
    pm[i] = qm;
  }
}

template <typename T, bool VMid, bool VIsotropic, bool VMomentum, bool VZero>
EM_ALWAYS_INLINE void
DualRowImplementation(const DualRowArguments<T> & a)
{
  // Everything the loop reads is copied to locals first: stores through the row pointers could
  // otherwise alias the argument struct and force a reload every iteration.
  const T * __restrict u = a.U;
  const T * __restrict uMidNext = a.UMidNext;
  const T * __restrict uSlowNext = a.USlowNext;
  T * __restrict px = a.PX;
  T * __restrict pm = a.PMid;
  T * __restrict ps = a.PSlow;
  T * __restrict rx = a.RX;
  T * __restrict rm = a.RMid;
  T * __restrict rs = a.RSlow;
  const T             tau = a.Tau;
  const T             beta = a.Beta;
  const T             cx = a.CoefficientX;
  const T             cm = a.CoefficientMid;
  const T             cs = a.CoefficientSlow;
  const T             shrink = a.Shrink;
  const SizeValueType last = a.Length - 1;
#pragma omp simd
  for (SizeValueType i = 0; i < last; ++i)
  {
    DualPixel<T, VMid, VIsotropic, VMomentum, VZero>(
      i, cx * (u[i + 1] - u[i]), u, uMidNext, uSlowNext, px, pm, ps, rx, rm, rs, tau, beta, cm, cs, shrink);
  }
  DualPixel<T, VMid, VIsotropic, VMomentum, VZero>(
    last, T(0), u, uMidNext, uSlowNext, px, pm, ps, rx, rm, rs, tau, beta, cm, cs, shrink);
}

template <typename T>
EM_ALWAYS_INLINE void
PrimalRowDispatch(const PrimalRowArguments<T> & a)
{
  const bool poisson = a.Counts != nullptr;
  if (a.DualMid != nullptr)
  {
    poisson ? PrimalRowImplementation<T, true, true>(a) : PrimalRowImplementation<T, true, false>(a);
  }
  else
  {
    poisson ? PrimalRowImplementation<T, false, true>(a) : PrimalRowImplementation<T, false, false>(a);
  }
}

template <typename T, bool VMid, bool VIsotropic>
EM_ALWAYS_INLINE void
DualRowDispatchStart(const DualRowArguments<T> & a)
{
  const bool momentum = a.RX != nullptr;
  if (a.ZeroDual)
  {
    momentum ? DualRowImplementation<T, VMid, VIsotropic, true, true>(a)
             : DualRowImplementation<T, VMid, VIsotropic, false, true>(a);
  }
  else
  {
    momentum ? DualRowImplementation<T, VMid, VIsotropic, true, false>(a)
             : DualRowImplementation<T, VMid, VIsotropic, false, false>(a);
  }
}

template <typename T, bool VMid>
EM_ALWAYS_INLINE void
DualRowDispatchNorm(const DualRowArguments<T> & a)
{
  a.Isotropic ? DualRowDispatchStart<T, VMid, true>(a) : DualRowDispatchStart<T, VMid, false>(a);
}

template <typename T>
EM_ALWAYS_INLINE void
DualRowDispatch(const DualRowArguments<T> & a)
{
  if (a.PMid != nullptr)
  {
    DualRowDispatchNorm<T, true>(a);
  }
  else
  {
    DualRowDispatchNorm<T, false>(a);
  }
}
template <typename T, bool VMid, bool VIsotropic, bool VGap>
EM_ALWAYS_INLINE void
ObjectiveRowImplementation(const ObjectiveRowArguments<T> & a, double & tvSum, double & gapSum)
{
  const T * __restrict u = a.U;
  const T * __restrict uMidNext = a.UMidNext;
  const T * __restrict uSlowNext = a.USlowNext;
  const T * __restrict px = a.PX;
  const T * __restrict pm = a.PMid;
  const T * __restrict ps = a.PSlow;
  const double        cx = a.CoefficientX;
  const double        cm = a.CoefficientMid;
  const double        cs = a.CoefficientSlow;
  const double        delta = a.HuberDelta;
  const SizeValueType last = a.Length - 1;
  double              tv = 0.0;
  double              gap = 0.0;
  // Huber function (s for delta = 0): quadratic below delta, linear above.
  const auto huber = [delta](double s) { return s > delta ? s - 0.5 * delta : 0.5 * s * s / (delta > 0.0 ? delta : 1.0); };
  const auto pixel = [&](SizeValueType i, double gx, double & tvTerm, double & gapTerm) {
    const double gs = cs * (static_cast<double>(uSlowNext[i]) - u[i]);
    const double gm = VMid ? cm * (static_cast<double>(uMidNext[i]) - u[i]) : 0.0;
    const double value = VIsotropic ? huber(std::sqrt(gx * gx + gs * gs + gm * gm))
                                    : huber(std::abs(gx)) + huber(std::abs(gs)) + huber(std::abs(gm));
    tvTerm = value;
    if (VGap)
    {
      const double pxi = px[i];
      const double psi = ps[i];
      const double pmi = VMid ? static_cast<double>(pm[i]) : 0.0;
      gapTerm = value + gx * pxi + gs * psi + gm * pmi + 0.5 * delta * (pxi * pxi + psi * psi + pmi * pmi);
    }
    else
    {
      gapTerm = 0.0;
    }
  };
#pragma omp simd reduction(+ : tv, gap)
  for (SizeValueType i = 0; i < last; ++i)
  {
    double tvTerm;
    double gapTerm;
    pixel(i, cx * (static_cast<double>(u[i + 1]) - u[i]), tvTerm, gapTerm);
    tv += tvTerm;
    gap += gapTerm;
  }
  double tvTerm;
  double gapTerm;
  pixel(last, 0.0, tvTerm, gapTerm);
  tvSum += tv + tvTerm;
  gapSum += gap + gapTerm;
}

template <typename T>
EM_ALWAYS_INLINE void
ObjectiveRowDispatch(const ObjectiveRowArguments<T> & a, double & tv, double & gap)
{
  const bool mid = a.HasMid;
  const bool withGap = a.PX != nullptr;
  if (a.Isotropic)
  {
    if (mid)
    {
      withGap ? ObjectiveRowImplementation<T, true, true, true>(a, tv, gap)
              : ObjectiveRowImplementation<T, true, true, false>(a, tv, gap);
    }
    else
    {
      withGap ? ObjectiveRowImplementation<T, false, true, true>(a, tv, gap)
              : ObjectiveRowImplementation<T, false, true, false>(a, tv, gap);
    }
  }
  else
  {
    if (mid)
    {
      withGap ? ObjectiveRowImplementation<T, true, false, true>(a, tv, gap)
              : ObjectiveRowImplementation<T, true, false, false>(a, tv, gap);
    }
    else
    {
      withGap ? ObjectiveRowImplementation<T, false, false, true>(a, tv, gap)
              : ObjectiveRowImplementation<T, false, false, false>(a, tv, gap);
    }
  }
}

template <typename T>
EM_ALWAYS_INLINE double
PoissonEnergyImplementation(const T * __restrict u,
                            const T * __restrict counts,
                            SizeValueType n,
                            double        linearWeight,
                            double        epsilon)
{
  double sum = 0.0;
  for (SizeValueType i = 0; i < n; ++i)
  {
    const double c = counts[i];
    sum += linearWeight * u[i] - (c > 0.0 ? c * std::log(u[i] + epsilon) : 0.0);
  }
  return sum;
}

template <typename T>
EM_ALWAYS_INLINE double
SquaredDistanceImplementation(const T * __restrict a, const T * __restrict b, SizeValueType n)
{
  double sum = 0.0;
#pragma omp simd reduction(+ : sum)
  for (SizeValueType i = 0; i < n; ++i)
  {
    const double difference = static_cast<double>(a[i]) - b[i];
    sum += difference * difference;
  }
  return sum;
}
} // namespace

EM_KERNEL_CLONES void
ObjectiveRow(const ObjectiveRowArguments<float> & arguments, double & tv, double & gap)
{
  const FlushSubnormals flush;
  ObjectiveRowDispatch(arguments, tv, gap);
}

EM_KERNEL_CLONES void
ObjectiveRow(const ObjectiveRowArguments<double> & arguments, double & tv, double & gap)
{
  const FlushSubnormals flush;
  ObjectiveRowDispatch(arguments, tv, gap);
}

double
PoissonEnergy(const float * u, const float * counts, SizeValueType n, double linearWeight, double epsilon)
{
  const FlushSubnormals flush;
  return PoissonEnergyImplementation(u, counts, n, linearWeight, epsilon);
}

double
PoissonEnergy(const double * u, const double * counts, SizeValueType n, double linearWeight, double epsilon)
{
  const FlushSubnormals flush;
  return PoissonEnergyImplementation(u, counts, n, linearWeight, epsilon);
}

EM_KERNEL_CLONES double
SquaredDistance(const float * a, const float * b, SizeValueType n)
{
  const FlushSubnormals flush;
  return SquaredDistanceImplementation(a, b, n);
}

EM_KERNEL_CLONES double
SquaredDistance(const double * a, const double * b, SizeValueType n)
{
  const FlushSubnormals flush;
  return SquaredDistanceImplementation(a, b, n);
}

EM_KERNEL_CLONES void
PrimalRow(const PrimalRowArguments<float> & arguments)
{
  const FlushSubnormals flush;
  PrimalRowDispatch(arguments);
}

EM_KERNEL_CLONES void
PrimalRow(const PrimalRowArguments<double> & arguments)
{
  const FlushSubnormals flush;
  PrimalRowDispatch(arguments);
}

EM_KERNEL_CLONES void
DualRow(const DualRowArguments<float> & arguments)
{
  const FlushSubnormals flush;
  DualRowDispatch(arguments);
}

EM_KERNEL_CLONES void
DualRow(const DualRowArguments<double> & arguments)
{
  const FlushSubnormals flush;
  DualRowDispatch(arguments);
}
} // namespace TVDenoiseKernels
} // end namespace itk
