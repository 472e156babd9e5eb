package io.hotwatch.training.compare;

/**
 * Sizes and seeds of the comparison.
 *
 * @param seed seed of every sample and every randomised trainer
 * @param knnNeighbours neighbours KNN votes with
 * @param knnTrainingRows rows KNN indexes, a uniform sample of the training rows
 * @param knnTestRows test rows KNN scores, a uniform sample (brute-force KNN costs O(indexed rows) per event)
 * @param forestTrainingRows rows the random forest is trained on, a uniform sample
 * @param forestTrees trees of the random forest
 * @param forestMaxDepth depth limit of each tree
 * @param svmTrainingRows rows the linear SVM is trained on, a uniform sample
 * @param calibrationShare latest share of the training rows by time held out to fit the SVM's softmax temperature
 */
public record ComparisonSettings(
    long seed,
    int knnNeighbours,
    int knnTrainingRows,
    int knnTestRows,
    int forestTrainingRows,
    int forestTrees,
    int forestMaxDepth,
    int svmTrainingRows,
    double calibrationShare) {

  public ComparisonSettings {
    if (knnNeighbours < 1 || knnTrainingRows < 1 || knnTestRows < 1 || forestTrainingRows < 1 || forestTrees < 1
        || forestMaxDepth < 1
        || svmTrainingRows < 1) {
      throw new IllegalArgumentException("neighbours, sample sizes, trees and depth must be at least 1");
    }
    if (!(calibrationShare > 0 && calibrationShare < 0.5)) {
      throw new IllegalArgumentException("calibration share " + calibrationShare + " is outside (0, 0.5)");
    }
  }
}
